package io.ledgerkit.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The joined check must answer exactly as libphonenumber's {@code isValidNumber}: on the example
 * number of every region and number type, on each with a digit changed, added or dropped and with
 * leading zeros, and on random national numbers of every length under every calling code, shared
 * ones (+1, +7, +44, ...) included.
 */
class PhoneValidityTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final PhoneValidity VALIDITY = new PhoneValidity(UTIL);

  @Test
  void answersAsIsValidNumberForEveryCallingCode() {
    Random random = new Random(20_261_202L);
    List<PhoneNumber> numbers = new ArrayList<>(examples());
    for (PhoneNumber example : examples()) {
      String national = UTIL.getNationalSignificantNumber(example);
      int code = example.getCountryCode();
      numbers.add(number(code, national + random.nextInt(10)));
      if (national.length() > 2) {
        numbers.add(number(code, national.substring(0, national.length() - 1)));
      }
      char[] changed = national.toCharArray();
      changed[random.nextInt(changed.length)] = (char) ('0' + random.nextInt(10));
      numbers.add(number(code, new String(changed)));
      numbers.add(number(code, "0" + national));
      numbers.add(number(code, "00" + national));
    }
    for (int code : UTIL.getSupportedCallingCodes()) {
      for (int length = 2; length <= 17; length++) {
        for (int i = 0; i < 20; i++) {
          StringBuilder digits = new StringBuilder();
          for (int j = 0; j < length; j++) {
            digits.append((char) ('0' + random.nextInt(10)));
          }
          numbers.add(number(code, digits.toString()));
        }
      }
    }
    numbers.add(number(999, "123456789"));

    int valid = 0;
    for (PhoneNumber number : numbers) {
      boolean expected = UTIL.isValidNumber(number);
      assertEquals(expected, VALIDITY.isValid(number), () -> "+" + number.getCountryCode() + " "
          + UTIL.getNationalSignificantNumber(number));
      if (expected) {
        valid++;
      }
    }
    // Both answers occur thousands of times, or the comparison would prove little.
    assertTrue(valid > 1_000, valid + " valid of " + numbers.size());
    assertTrue(numbers.size() - valid > 1_000, valid + " valid of " + numbers.size());
  }

  /** @return libphonenumber's example of every region and number type and non-geographic entity */
  static List<PhoneNumber> examples() {
    List<PhoneNumber> numbers = new ArrayList<>();
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        PhoneNumber number = UTIL.getExampleNumberForType(region, type);
        if (number != null) {
          numbers.add(number);
        }
      }
    }
    for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      PhoneNumber number = UTIL.getExampleNumberForNonGeoEntity(callingCode);
      if (number != null) {
        numbers.add(number);
      }
    }
    return numbers;
  }

  /** A number as E164FastPath builds it from a national part as typed, leading zeros kept. */
  private static PhoneNumber number(int callingCode, String national) {
    PhoneNumber number = new PhoneNumber().setCountryCode(callingCode)
        .setNationalNumber(Long.parseLong(national));
    int zeros = 0;
    while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
      zeros++;
    }
    if (zeros > 0) {
      number.setItalianLeadingZero(true);
      if (zeros != 1) {
        number.setNumberOfLeadingZeros(zeros);
      }
    }
    return number;
  }
}
