package io.ledgerkit.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.fee.PaymentGatewayException;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class StripeAmountsTest {

  @Test
  void twoDecimalCurrenciesAreSentInHundredths() {
    assertEquals(1250, minor("12.50", "USD"));
    assertEquals(1, minor("0.01", "EUR"));
    assertEquals(99_999_999, minor("999999.99", "USD"));
    assertEquals(500, minor("5", "ISK"), "ISK stays two-decimal in Stripe's API");
    assertEquals(10_050, minor("100.50", "HUF"));
  }

  @Test
  void zeroDecimalCurrenciesAreSentAsTheyAre() {
    assertEquals(500, minor("500", "JPY"));
    assertEquals(12_000, minor("12000", "KRW"));
    assertEquals(100, minor("100.00", "MGA"), "ISO gives MGA decimals; Stripe charges whole units");
    assertCannotCharge("100.50", "MGA");
  }

  @Test
  void threeDecimalCurrenciesAreRoundedToTheNearestTen() {
    assertEquals(5120, minor("5.124", "KWD"));
    assertEquals(5120, minor("5.125", "KWD"), "half to even");
    assertEquals(5140, minor("5.135", "KWD"));
    assertEquals(5130, minor("5.126", "BHD"));
    assertEquals(1000, minor("1.000", "OMR"));
    assertCannotCharge("0.004", "KWD");
  }

  @Test
  void amountsOutsideStripesRangeCannotBeCharged() {
    assertCannotCharge("1000000.00", "USD");
    assertCannotCharge("100000000", "JPY");
    assertEquals(99_999_999, minor("99999999", "JPY"));
  }

  private static long minor(String amount, String currency) {
    return StripeAmounts.toMinorUnits(new BigDecimal(amount), Currency.getInstance(currency));
  }

  private static void assertCannotCharge(String amount, String currency) {
    PaymentGatewayException e = assertThrows(PaymentGatewayException.class,
        () -> minor(amount, currency));
    assertEquals("amount_invalid", e.code());
  }
}
