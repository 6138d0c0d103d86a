package io.ledgerkit.customer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cheaper reading of a phone already typed in E.164 ({@code +} and ASCII digits only), which is
 * how hosts that store phones normalized pass them back, with exactly the result of
 * libphonenumber's {@code parse}: a profile of bulk loads put a third of the SDK's CPU in that
 * method, most of it in steps (extensions, punctuation, international prefixes, alpha mapping)
 * that such input cannot need.
 *
 * <p>It reads the country calling code as {@code parse} does (calling codes are prefix-free), and
 * takes the rest as the national number unchanged. {@code parse} would change it only by stripping
 * a national prefix, which it tries only where the country's national-prefix-for-parsing pattern
 * matches the start of the number: then, and for anything else out of the ordinary, this answers
 * null and the caller parses in full. A valid number comes back in E.164; an invalid one as null
 * too, so that the full parse gives the error its usual wording.
 */
final class E164FastPath {

  /** {@code parse}'s bounds on a national significant number. */
  private static final int MIN_NATIONAL_LENGTH = 2;
  private static final int MAX_NATIONAL_LENGTH = 17;
  private static final int MAX_CALLING_CODE_LENGTH = 3;
  private static final String NON_GEOGRAPHIC_REGION = "001";

  private final PhoneNumberUtil util;
  private final Set<Integer> callingCodes;
  private final MetadataSource metadata;
  private final PhoneValidity validity;
  /** Per calling code: the national-prefix-for-parsing pattern of its main region, if any. */
  private final Map<Integer, Optional<Prefix>> prefixes = new ConcurrentHashMap<>();

  E164FastPath(PhoneNumberUtil util) {
    this.util = util;
    this.callingCodes = Set.copyOf(util.getSupportedCallingCodes());
    this.metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    this.validity = new PhoneValidity(util);
  }

  /**
   * @param raw a phone as typed, trimmed
   * @return the phone in E.164 when it is {@code +} and digits forming a valid number that {@code
   *     parse} reads unchanged; null when the full parse must decide
   */
  @Nullable String normalize(String raw) {
    int length = raw.length();
    if (length < 2 || raw.charAt(0) != '+' || raw.charAt(1) == '0') {
      return null;
    }
    for (int i = 1; i < length; i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    int callingCode = 0;
    int nationalStart = -1;
    for (int i = 1; i <= MAX_CALLING_CODE_LENGTH && i < length; i++) {
      callingCode = callingCode * 10 + (raw.charAt(i) - '0');
      if (callingCodes.contains(callingCode)) {
        nationalStart = i + 1;
        break;
      }
    }
    if (nationalStart < 0) {
      return null;
    }
    String national = raw.substring(nationalStart);
    if (national.length() < MIN_NATIONAL_LENGTH || national.length() > MAX_NATIONAL_LENGTH) {
      return null;
    }
    Optional<Prefix> prefix = prefixes.computeIfAbsent(callingCode, this::prefixOf);
    if (prefix.isPresent() && prefix.get().mayStrip(national)) {
      return null;
    }
    PhoneNumber number = new PhoneNumber()
        .setCountryCode(callingCode)
        .setNationalNumber(Long.parseLong(national));
    if (national.charAt(0) == '0') {
      number.setItalianLeadingZero(true);
      int zeros = 1;
      while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
        zeros++;
      }
      if (zeros != 1) {
        number.setNumberOfLeadingZeros(zeros);
      }
    }
    // E.164 is "+", the calling code and the national significant number, so the number is the
    // raw input exactly when its national significant number is the national part as typed; a
    // disagreement means a case this reading does not know, for the full parse.
    if (!util.getNationalSignificantNumber(number).equals(national)
        || !validity.isValid(callingCode, national)) {
      return null;
    }
    return raw;
  }

  private Optional<Prefix> prefixOf(int callingCode) {
    String region = util.getRegionCodeForCountryCode(callingCode);
    PhoneMetadata regionMetadata = NON_GEOGRAPHIC_REGION.equals(region)
        ? metadata.getMetadataForNonGeographicalRegion(callingCode)
        : metadata.getMetadataForRegion(region);
    if (regionMetadata == null || regionMetadata.getNationalPrefixForParsing().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Prefix(Pattern.compile(regionMetadata.getNationalPrefixForParsing()),
        regionMetadata.getNationalPrefixTransformRule()));
  }

  /** A country's national-prefix-for-parsing pattern and transform rule. */
  private record Prefix(Pattern pattern, String transformRule) {

    /**
     * @return whether {@code parse} could change the national number: its pattern matches a
     *     non-empty start, or an empty one that a transform rule rewrites
     */
    boolean mayStrip(String national) {
      Matcher matcher = pattern.matcher(national);
      if (!matcher.lookingAt()) {
        return false;
      }
      if (matcher.end() > 0) {
        return true;
      }
      return !transformRule.isEmpty() && matcher.group(matcher.groupCount()) != null;
    }
  }
}
