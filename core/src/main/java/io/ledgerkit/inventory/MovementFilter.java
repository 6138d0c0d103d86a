package io.ledgerkit.inventory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of a movement listing, ANDed together and always with the caller's store. Immutable.
 *
 * @param itemId the item, exactly
 * @param type the type
 * @param from the earliest timestamp, inclusive
 * @param to the latest timestamp, exclusive
 * @param userId who performed it, exactly
 */
public record MovementFilter(@Nullable String itemId, @Nullable MovementType type,
    @Nullable Instant from, @Nullable Instant to, @Nullable String userId) {

  private static final MovementFilter ALL = new MovementFilter(null, null, null, null, null);

  /** @return every movement of the store */
  public static MovementFilter all() {
    return ALL;
  }

  /** @return this filter for one item */
  public MovementFilter withItemId(@Nullable String value) {
    return new MovementFilter(value, type, from, to, userId);
  }

  /** @return this filter for one type */
  public MovementFilter withType(@Nullable MovementType value) {
    return new MovementFilter(itemId, value, from, to, userId);
  }

  /** @return this filter for timestamps from {@code start} (inclusive) to {@code end} (exclusive) */
  public MovementFilter between(@Nullable Instant start, @Nullable Instant end) {
    return new MovementFilter(itemId, type, start, end, userId);
  }

  /** @return this filter for one user */
  public MovementFilter withUserId(@Nullable String value) {
    return new MovementFilter(itemId, type, from, to, value);
  }
}
