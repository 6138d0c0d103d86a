package io.ledgerkit.fee;

import io.ledgerkit.LedgerkitException;
import org.jspecify.annotations.Nullable;

/**
 * A payment provider refused or could not be reached. When it happens while a checkout starts, the
 * fee stays payable and a {@code paymentFail} event records {@link #code()}; the message is meant
 * for the payer ("your card was declined"), never holds card data, and the host may show it.
 */
public class PaymentGatewayException extends LedgerkitException {

  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code a short, stable error code, e.g. the provider's ({@code card_declined}) or {@code
   *     network_error}
   * @param message what the payer or the host may be shown
   * @param cause the provider's exception, if any; kept without its message
   */
  public PaymentGatewayException(String code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** @return the error code recorded in the fee's {@code paymentFail} event */
  public String code() {
    return code;
  }
}
