package io.ledgerkit.stripe;

import io.ledgerkit.fee.PaymentGatewayException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Amounts in the smallest unit Stripe expects for a currency, following Stripe's currency rules
 * (docs: "Supported currencies", minor units and special cases), which are not ISO 4217's:
 *
 * <ul>
 *   <li>zero-decimal currencies (JPY, KRW, ...) are sent as they are: 500 JPY is {@code 500};
 *   <li>three-decimal currencies (BHD, JOD, KWD, OMR, TND) are sent in thousandths, rounded to the
 *       nearest ten as Stripe requires (half to even: 5.124 KWD is {@code 5120}, 5.125 is {@code
 *       5120}, 5.135 is {@code 5140});
 *   <li>every other currency in hundredths, including ISK, which Stripe keeps two-decimal in the
 *       API though ISO gives it no decimals (5 ISK is {@code 500}).
 * </ul>
 */
public final class StripeAmounts {

  /** Charged as whole units: Stripe's zero-decimal currencies. */
  static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW",
      "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  /** Charged in thousandths whose last digit is zero. */
  static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  private StripeAmounts() {}

  /**
   * @param amount an amount in major units, positive
   * @param currency its currency
   * @return the amount in Stripe's smallest unit of that currency
   * @throws PaymentGatewayException ({@code amount_invalid}) if Stripe cannot charge the amount in
   *     that currency: a fraction of a zero-decimal currency (ISO gives MGA two decimals, Stripe
   *     none), or more than Stripe's eight digits
   */
  public static long toMinorUnits(BigDecimal amount, Currency currency) {
    String code = currency.getCurrencyCode().toUpperCase(Locale.ROOT);
    BigDecimal minor;
    if (ZERO_DECIMAL.contains(code)) {
      if (amount.stripTrailingZeros().scale() > 0) {
        throw invalid(code + " is charged in whole units by Stripe; " + amount.toPlainString()
            + " has a fraction");
      }
      minor = amount;
    } else if (THREE_DECIMAL.contains(code)) {
      minor = amount.movePointRight(3).movePointLeft(1).setScale(0, RoundingMode.HALF_EVEN)
          .movePointRight(1);
    } else {
      if (amount.stripTrailingZeros().scale() > 2) {
        throw invalid(code + " is charged in hundredths by Stripe");
      }
      minor = amount.movePointRight(2);
    }
    BigDecimal whole = minor.setScale(0, RoundingMode.UNNECESSARY);
    if (whole.signum() <= 0 || whole.precision() > 8) {
      throw invalid("Stripe charges between one minor unit and 99,999,999 of them");
    }
    return whole.longValueExact();
  }

  private static PaymentGatewayException invalid(String why) {
    return new PaymentGatewayException("amount_invalid",
        "This amount cannot be paid online; please pay at the desk (" + why + ").", null);
  }
}
