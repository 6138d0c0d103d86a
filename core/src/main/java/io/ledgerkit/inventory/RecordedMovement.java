package io.ledgerkit.inventory;

/**
 * A movement as recorded, and the item's stock on hand right after it.
 *
 * @param movement the movement as stored
 * @param stockOnHand the item's stock once this movement counted
 */
public record RecordedMovement(Movement movement, long stockOnHand) {}
