/**
 * An immutable stock ledger per store: sales, restocks, adjustments, damage, corrections and
 * transfers between stores, with stock on hand that always equals the sum of an item's movements.
 *
 * <p>Movements are recorded once and never changed or deleted. Each is written together with its
 * stock change; unless the store allows negative stock, a movement that would take stock below
 * zero is refused atomically. Hosts use {@link io.ledgerkit.inventory.InventoryService};
 * persistence adapters implement {@link io.ledgerkit.inventory.InventoryRepository}.
 */
@NullMarked
package io.ledgerkit.inventory;

import org.jspecify.annotations.NullMarked;
