package io.ledgerkit.fee;

/**
 * What a reported payment result did.
 *
 * @param fee the fee as stored afterwards
 * @param applied true if the result moved the fee; false if it came late or twice (the fee was no
 *     longer in progress for that attempt) and changed nothing
 */
public record PaymentOutcome(Fee fee, boolean applied) {}
