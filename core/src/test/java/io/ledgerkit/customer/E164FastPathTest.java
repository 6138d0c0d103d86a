package io.ledgerkit.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast path must give exactly what the full parse gives, for every country: it is checked
 * against it on libphonenumber's example number of every region and number type, on mutations of
 * them (a national prefix or zeros put in front of the national number, digits added, dropped or
 * changed), and on random digit strings.
 */
class E164FastPathTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final E164FastPath FAST = new E164FastPath(UTIL);
  private static final List<String> DEFAULT_REGIONS = List.of("IN", "US", "DE", "GB", "AR", "IT");

  @Test
  void agreesWithTheFullParseOnEveryCountry() {
    Set<String> inputs = new LinkedHashSet<>();
    Random random = new Random(20_261_202L);
    for (String e164 : examples()) {
      inputs.add(e164);
      String callingCode = callingCodeOf(e164);
      String national = e164.substring(1 + callingCode.length());
      inputs.add("+" + callingCode + "0" + national);
      inputs.add("+" + callingCode + "00" + national);
      String region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(callingCode));
      String prefix = "001".equals(region) ? null : UTIL.getNddPrefixForRegion(region, true);
      if (prefix != null) {
        inputs.add("+" + callingCode + prefix + national);
      }
      inputs.add(e164 + random.nextInt(10));
      inputs.add(e164.substring(0, e164.length() - 1));
      char[] changed = e164.toCharArray();
      int at = 1 + callingCode.length() + random.nextInt(national.length());
      changed[at] = (char) ('0' + random.nextInt(10));
      inputs.add(new String(changed));
    }
    for (int i = 0; i < 5_000; i++) {
      StringBuilder digits = new StringBuilder("+");
      int length = 2 + random.nextInt(18);
      for (int j = 0; j < length; j++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      inputs.add(digits.toString());
    }

    int fast = 0;
    int valid = 0;
    for (String input : inputs) {
      String quick = FAST.normalize(input);
      for (String region : DEFAULT_REGIONS) {
        Phones.Result full = Phones.parsed("phone", input, region);
        if (quick != null) {
          assertEquals(full.phone(), quick, () -> input + " in a tenant of " + region);
        }
      }
      Phones.Result withoutRegion = Phones.parsed("phone", input, null);
      if (quick != null) {
        assertEquals(withoutRegion.phone(), quick, input);
        fast++;
      }
      if (withoutRegion.phone() != null) {
        valid++;
      }
    }
    // Taken for most valid numbers (80% here; the rest start with what their country's national
    // prefix pattern matches), or it would not be one.
    assertTrue(fast > valid * 3 / 4, fast + " of " + valid + " valid numbers read fast");
  }

  @Test
  void leavesAnythingButPlusAndAsciiDigitsToTheFullParse() {
    for (String input : List.of("+91 98765 43210", "+91-9876543210", "9876543210", "+", "+0",
        "+0919876543210", "++919876543210", "\uFF0B919876543210", "+91\u0669876543210",
        "+91987654321x", "+999123456789")) {
      assertNull(FAST.normalize(input), input);
    }
  }

  @Test
  void aNumberWhoseStartTheCountryReadsAsNationalPrefixGoesToTheFullParse() {
    // Taken as typed this is a valid Belarusian number; libphonenumber strips the leading 8 as
    // Belarus's national prefix and finds the rest invalid. Without the prefix check the fast
    // path would accept what the full parse refuses.
    assertNull(FAST.normalize("+3758102450911"));
    assertNull(Phones.normalize("phone", "+3758102450911", "BY").phone());
  }

  @Test
  void normalizeTakesTheFastPathAndKeepsItsAnswer() {
    assertEquals("+919876543210", FAST.normalize("+919876543210"));
    assertEquals("+919876543210", Phones.normalize("phone", "+919876543210", "IN").phone());
    assertEquals("+390612345678", Phones.normalize("phone", "+390612345678", null).phone());
  }

  private static List<String> examples() {
    List<String> examples = new ArrayList<>();
    for (PhoneNumber number : PhoneValidityTest.examples()) {
      examples.add(UTIL.format(number, PhoneNumberFormat.E164));
    }
    return examples;
  }

  private static String callingCodeOf(String e164) {
    for (int length = 1; length <= 3; length++) {
      String candidate = e164.substring(1, 1 + length);
      if (UTIL.getSupportedCallingCodes().contains(Integer.parseInt(candidate))) {
        return candidate;
      }
    }
    throw new AssertionError("no calling code in " + e164);
  }
}
