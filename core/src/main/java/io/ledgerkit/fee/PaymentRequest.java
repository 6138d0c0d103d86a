package io.ledgerkit.fee;

import io.ledgerkit.tenant.TenantId;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

/**
 * One payment attempt of a fee, as a {@link PaymentGateway} needs it.
 *
 * @param tenant the fee's tenant, for the provider's metadata
 * @param feeId the fee, for the provider's metadata
 * @param userId the member who owes it
 * @param amount in major units, with the currency's decimals
 * @param currency ISO 4217
 * @param reason why it is charged
 * @param attempt the attempt's number, from 1
 * @param idempotencyKey {@code ledgerkit-fee-<feeId>-<attempt>-<amount><currency>}: equal for
 *     every try of one attempt at one amount, different for the next attempt and for a fee assessed
 *     again meanwhile, so that a checkout is never reused for another amount
 */
public record PaymentRequest(TenantId tenant, UUID feeId, String userId, BigDecimal amount,
    Currency currency, FeeReason reason, int attempt, String idempotencyKey) {

  static PaymentRequest of(Fee fee, int attempt) {
    return new PaymentRequest(fee.tenant(), fee.id(), fee.userId(), fee.amount(), fee.currency(),
        fee.reason(), attempt, "ledgerkit-fee-" + fee.id() + "-" + attempt + "-"
            + fee.amount().toPlainString() + fee.currency().getCurrencyCode());
  }
}
