package io.ledgerkit.jpa;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import io.ledgerkit.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK on one adapter, for a fresh store (tenant) with a staff and an owner caller; for the
 * inventory tests. Movements get timestamps of their own, one millisecond apart, in the clock's
 * past, so that concurrent writers never share one unless a test asks for it.
 */
final class InventorySdk {

  /** Where the clock stands. */
  static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  final JpaPersistence persistence;
  final SettableClock clock = new SettableClock(NOW);
  final Ledgerkit ledgerkit;
  final InventoryService inventory;
  final TenantId tenant;
  final Caller staff;
  final Caller owner;
  private final AtomicLong ticks;

  /** The SDK on the adapter, with a store registered for it. */
  InventorySdk(JpaPersistence persistence) {
    this(persistence, CustomerCandidates.aTenant(), Ledgerkit.DEFAULT_SETTINGS_MAX_AGE, 0);
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
  }

  private InventorySdk(JpaPersistence persistence, TenantId tenant, Duration settingsMaxAge,
      long firstTick) {
    this.persistence = persistence;
    this.ledgerkit = Ledgerkit.builder().persistence(persistence).clock(clock)
        .settingsMaxAge(settingsMaxAge).build();
    this.inventory = ledgerkit.inventory();
    this.tenant = tenant;
    this.staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    this.owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    this.ticks = new AtomicLong(firstTick);
  }

  /**
   * @param settingsMaxAge how long the new instance's copy of the store's settings serves reads
   * @return another SDK instance on the same adapter and store, as a second server of the host
   *     would be; its timestamps never meet this one's
   */
  InventorySdk sameStoreElsewhere(Duration settingsMaxAge) {
    return new InventorySdk(persistence, tenant, settingsMaxAge, ticks.get() + 1_000_000);
  }

  /** @return a fresh timestamp, a millisecond after the last one */
  Instant nextTimestamp() {
    return NOW.minus(Duration.ofDays(1)).plusMillis(ticks.incrementAndGet());
  }

  RecordedMovement restock(String itemId, long quantity) {
    return inventory.record(staff,
        MovementDraft.of(itemId, MovementType.RESTOCK, quantity).at(nextTimestamp()));
  }

  RecordedMovement sale(String itemId, long quantity) {
    return inventory.record(staff,
        MovementDraft.of(itemId, MovementType.SALE, -quantity).at(nextTimestamp()));
  }

  /**
   * Registers another store in which the staff user works too.
   *
   * @return the staff user in that store
   */
  Caller anotherStore() {
    TenantId other = CustomerCandidates.aTenant();
    ledgerkit.tenants().register(other, TenantSettings.defaults());
    return new Caller(other, staff.userId(), Set.of(Role.STAFF));
  }
}
