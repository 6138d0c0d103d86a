package io.ledgerkit.inventory;

import io.ledgerkit.tenant.SettingsChangedException;
import java.util.OptionalLong;

/**
 * An optional capability of an {@link InventoryRepository}: a movement's write also checks, in the
 * same atomic step, that the store's settings (whether stock may go negative) are still at the
 * version the movement was judged against. The SDK may then keep settings in memory: a stale copy
 * never lets a movement through that the current settings refuse, it only makes the SDK read them
 * again and repeat the write.
 */
public interface SettingsCheckedInventoryRepository extends InventoryRepository {

  /**
   * @param movement as for {@link #record(Movement, boolean)}
   * @param allowNegative as for {@link #record(Movement, boolean)}
   * @param settingsVersion the version of the tenant's settings {@code allowNegative} came from
   * @return as for {@link #record(Movement, boolean)}
   * @throws SettingsChangedException if the settings are at another version; nothing written
   */
  OptionalLong record(Movement movement, boolean allowNegative, long settingsVersion);

  /**
   * @param out as for {@link #recordTransfer(Movement, Movement, boolean)}
   * @param in as for {@link #recordTransfer(Movement, Movement, boolean)}
   * @param allowNegativeAtSource as for {@link #recordTransfer(Movement, Movement, boolean)}
   * @param sourceSettingsVersion the version of the source store's settings the rule came from
   * @return as for {@link #recordTransfer(Movement, Movement, boolean)}
   * @throws SettingsChangedException if the source's settings are at another version; nothing
   *     written
   */
  OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource,
      long sourceSettingsVersion);
}
