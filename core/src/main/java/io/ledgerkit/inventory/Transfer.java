package io.ledgerkit.inventory;

import java.util.UUID;

/**
 * A transfer as recorded: both legs, sharing one transfer id.
 *
 * @param transferId the id both legs carry
 * @param out the leg out of the source store (negative)
 * @param in the leg into the destination store (positive)
 * @param sourceStockOnHand the source item's stock once the transfer counted
 */
public record Transfer(UUID transferId, Movement out, Movement in, long sourceStockOnHand) {}
