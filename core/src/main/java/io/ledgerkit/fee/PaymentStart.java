package io.ledgerkit.fee;

/**
 * A started checkout.
 *
 * @param fee the fee as stored afterwards, its payment in progress
 * @param session where the payer completes it
 * @param isNew false when the call repeated the start of the attempt in progress, which gives the
 *     same checkout again
 */
public record PaymentStart(Fee fee, PaymentSession session, boolean isNew) {}
