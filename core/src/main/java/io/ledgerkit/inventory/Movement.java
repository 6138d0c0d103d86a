package io.ledgerkit.inventory;

import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a store's stock ledger, as stored. Immutable, here and in every store: a movement is
 * recorded once and never changed or deleted; a mistake is fixed by a {@link
 * MovementType#CORRECTION} that references it.
 *
 * @param id the movement's id, a random UUID from the core
 * @param tenant the store it belongs to
 * @param itemId the inventory item, as the host identifies it
 * @param quantityDelta how much stock changed: positive in, negative out, never zero
 * @param type what kind of movement it is; fixes the sign
 * @param timestamp when it happened, in milliseconds; unique per item in the store
 * @param userId who performed it
 * @param reason why, required for manual adjustments and corrections; null otherwise if not given
 * @param correctsId the movement a correction fixes; null for every other type
 * @param transferId the id both legs of a transfer share; null for every other type
 * @param recordedAt when the SDK recorded it, in milliseconds
 */
public record Movement(
    UUID id,
    TenantId tenant,
    String itemId,
    long quantityDelta,
    MovementType type,
    Instant timestamp,
    String userId,
    @Nullable String reason,
    @Nullable UUID correctsId,
    @Nullable UUID transferId,
    Instant recordedAt) {}
