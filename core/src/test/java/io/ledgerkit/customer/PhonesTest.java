package io.ledgerkit.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "098765 43210      | IN | +919876543210",
      "+91 98765-43210   | IN | +919876543210",
      "9876543210        | IN | +919876543210",
      "0091 9876543210   | IN | +919876543210",
      "(98765) 43210     | IN | +919876543210",
      "+91 98765 43210   |    | +919876543210",
      "030 1234567       | DE | +49301234567",
      "+49 30 1234567    | IN | +49301234567",
      "(202) 456-1111    | US | +12024561111",
      "+1 202 456 1111   | DE | +12024561111"})
  void normalizesToE164(String raw, String region, String expected) {
    Phones.Result result = Phones.normalize("phone", raw.strip(), region);
    assertNull(result.error(), () -> String.valueOf(result.error()));
    assertEquals(expected, result.phone());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-phone", "12", "+", "+91 12345", "030 1234567", "000000000"})
  void refusesWhatIsNotAValidNumberForTheRegion(String raw) {
    Phones.Result result = Phones.normalize("phone", raw, "IN");
    assertNull(result.phone());
    assertNotNull(result.error());
    assertEquals("phone", result.error().field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"9876543210", "098765 43210"})
  void nationalNumbersNeedARegion(String raw) {
    Phones.Result result = Phones.normalize("phone", raw, null);
    assertNull(result.phone());
    assertNotNull(result.error());
  }
}
