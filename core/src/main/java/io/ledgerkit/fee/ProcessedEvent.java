package io.ledgerkit.fee;

import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * The record that a provider's notification was handled, kept so that a redelivery has no second
 * effect. Written only after the notification's effect, so that a crash in between leaves the
 * notification to be handled again (with no second effect, since a fee moves only once per
 * checkout).
 *
 * @param tenant the tenant the notification was for
 * @param source the provider, e.g. {@code stripe}
 * @param eventId the provider's id of the notification
 * @param type the provider's event type
 * @param feeId the fee it was about
 * @param outcome what handling it did
 * @param processedAt when it was handled, in milliseconds
 */
public record ProcessedEvent(TenantId tenant, String source, String eventId, String type,
    UUID feeId, PaymentEventOutcome outcome, Instant processedAt) {}
