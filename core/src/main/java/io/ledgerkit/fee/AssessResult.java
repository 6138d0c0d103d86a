package io.ledgerkit.fee;

/**
 * What an assessment did.
 *
 * @param fee the fee as stored afterwards
 * @param isNew true for a new fee; false when an unpaid fee of the same user and loan was assessed
 *     again
 */
public record AssessResult(Fee fee, boolean isNew) {}
