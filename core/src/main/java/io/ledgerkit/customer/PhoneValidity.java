package io.ledgerkit.customer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * libphonenumber's {@code isValidNumber}, with the same answer for every number and the same
 * metadata, in at most three regular expressions instead of up to eleven: a profile of creates at 4
 * threads put {@code isValidNumber} at an eighth of the SDK's CPU, most of it in matching a number
 * against each number type of its region in turn, every pattern fetched from a cache behind one
 * lock.
 *
 * <p>libphonenumber calls a number valid when its region's general description and at least one
 * of the region's number types (premium rate, toll free, shared cost, VoIP, personal, pager, UAN,
 * voicemail, fixed line, mobile) match it, where a description matches when its possible lengths
 * (if any) hold the national significant number's length and its pattern matches all of it. The
 * order in which it tries the types decides the type, not the validity, so this joins, per region
 * and per length, the patterns of every type of that length into one alternation. The region of a
 * calling code shared by several is found as libphonenumber finds it: the first in its list whose
 * leading digits start the number, or, for a region without leading digits, which the number is
 * valid in.
 */
final class PhoneValidity {

  private static final String NON_GEOGRAPHIC_REGION = "001";
  /** Longer national significant numbers than libphonenumber parses. */
  private static final int MAX_LENGTH = 17;

  private final PhoneNumberUtil util;
  private final MetadataSource metadata;
  /** Per region code, or per calling code for a non-geographic entity: its compiled check. */
  private final Map<String, Region> regions = new ConcurrentHashMap<>();
  private final Map<Integer, Region> nonGeographic = new ConcurrentHashMap<>();

  PhoneValidity(PhoneNumberUtil util) {
    this.util = util;
    this.metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
  }

  /**
   * @param number a parsed number
   * @return what {@code util.isValidNumber(number)} returns
   */
  boolean isValid(PhoneNumber number) {
    return isValid(number.getCountryCode(), util.getNationalSignificantNumber(number));
  }

  /**
   * @param callingCode a country calling code
   * @param national a national significant number (leading zeros included), ASCII digits
   * @return what {@code util.isValidNumber} returns for that number
   */
  boolean isValid(int callingCode, String national) {
    List<String> codes = util.getRegionCodesForCountryCode(callingCode);
    if (codes.isEmpty()) {
      return false;
    }
    if (codes.size() == 1) {
      Region region = region(codes.get(0), callingCode);
      return region != null && region.admits(national);
    }
    for (String code : codes) {
      Region region = region(code, callingCode);
      if (region == null) {
        continue;
      }
      if (region.leadingDigits != null) {
        if (region.leadingDigits.matcher(national).lookingAt()) {
          return region.admits(national);
        }
      } else if (region.admits(national)) {
        return true;
      }
    }
    return false;
  }

  private @Nullable Region region(String code, int callingCode) {
    if (NON_GEOGRAPHIC_REGION.equals(code)) {
      return nonGeographic.computeIfAbsent(callingCode,
          c -> Region.of(metadata.getMetadataForNonGeographicalRegion(c)));
    }
    return regions.computeIfAbsent(code, c -> Region.of(metadata.getMetadataForRegion(c)));
  }

  /** One region's check. */
  private static final class Region {
    private final @Nullable Pattern leadingDigits;
    private final @Nullable Description general;
    private final List<Description> types;
    /** Per length: every number type of that length, as one alternation; null if none. */
    private final @Nullable Pattern[] typesByLength;

    private Region(@Nullable Pattern leadingDigits, @Nullable Description general,
        List<Description> types, @Nullable Pattern[] typesByLength) {
      this.leadingDigits = leadingDigits;
      this.general = general;
      this.types = types;
      this.typesByLength = typesByLength;
    }

    static @Nullable Region of(@Nullable PhoneMetadata metadata) {
      if (metadata == null) {
        return null;
      }
      List<Description> types = new ArrayList<>();
      for (PhoneNumberDesc type : List.of(metadata.getPremiumRate(), metadata.getTollFree(),
          metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(),
          metadata.getPager(), metadata.getUan(), metadata.getVoicemail(),
          metadata.getFixedLine(), metadata.getMobile())) {
        Description description = Description.of(type);
        if (description != null) {
          types.add(description);
        }
      }
      Pattern[] typesByLength = new Pattern[MAX_LENGTH + 1];
      for (int length = 0; length <= MAX_LENGTH; length++) {
        int l = length;
        List<String> patterns = types.stream().filter(type -> type.allows(l))
            .map(type -> "(?:" + type.pattern + ")").collect(Collectors.toList());
        if (!patterns.isEmpty()) {
          typesByLength[length] = Pattern.compile(String.join("|", patterns));
        }
      }
      Pattern leadingDigits =
          metadata.hasLeadingDigits() ? Pattern.compile(metadata.getLeadingDigits()) : null;
      return new Region(leadingDigits, Description.of(metadata.getGeneralDesc()),
          List.copyOf(types), typesByLength);
    }

    boolean admits(String national) {
      if (general == null || !general.matches(national)) {
        return false;
      }
      int length = national.length();
      if (length > MAX_LENGTH) {
        return types.stream().anyMatch(type -> type.matches(national));
      }
      Pattern joined = typesByLength[length];
      return joined != null && joined.matcher(national).matches();
    }
  }

  /** A number description's possible lengths (none: any) and its pattern. */
  private record Description(List<Integer> lengths, String pattern, Pattern compiled) {

    static @Nullable Description of(PhoneNumberDesc desc) {
      String pattern = desc.getNationalNumberPattern();
      if (pattern.isEmpty()) {
        return null;
      }
      return new Description(List.copyOf(desc.getPossibleLengthList()), pattern,
          Pattern.compile(pattern));
    }

    boolean allows(int length) {
      return lengths.isEmpty() || lengths.contains(length);
    }

    boolean matches(String national) {
      return allows(national.length()) && compiled.matcher(national).matches();
    }
  }
}
