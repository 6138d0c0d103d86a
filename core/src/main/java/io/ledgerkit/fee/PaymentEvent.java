package io.ledgerkit.fee;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a payment provider reported about a checkout, as a verified notification (a Stripe
 * webhook event) carries it. Delivered at least once: {@link FeeService#recordPaymentEvent} gives
 * each event exactly one effect.
 *
 * @param source the provider, e.g. {@code stripe}; events are told apart by source and id
 * @param eventId the provider's id of the notification; the same for every redelivery
 * @param type the provider's event type, for the record, e.g. {@code checkout.session.completed}
 * @param feeId the fee the checkout was opened for
 * @param reference the provider's id of the checkout, as {@link PaymentSession#reference()} gave it
 * @param result how the payment ended; null for a notification that settles nothing (a completed
 *     checkout whose asynchronous payment is still pending)
 */
public record PaymentEvent(String source, String eventId, String type, UUID feeId,
    String reference, @Nullable PaymentResult result) {}
