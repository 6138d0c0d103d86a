package io.ledgerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The inventory contract every persistence adapter passes (domain rules, sections 1, 5 and 6).
 * Extend it, return the adapter under test and an {@link InventoryRawStore} reading the same store.
 * Every test registers fresh random tenants, so the store need not be emptied between tests.
 */
public abstract class InventoryContractTest {

  /** Where the clock starts: with microseconds, which the SDK must cut to milliseconds. */
  protected static final Instant START = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** The clock of the SDK under test. */
  protected SettableClock clock;
  /** The SDK under test, on {@link #adapter()}. */
  protected Ledgerkit ledgerkit;
  /** Shortcut to {@code ledgerkit.inventory()}. */
  protected InventoryService inventory;
  /** A fresh store. */
  protected TenantId tenant;
  /** A second fresh store. */
  protected TenantId otherTenant;
  /** OWNER of {@link #tenant}. */
  protected Caller owner;
  /** STAFF {@code staff-1} of {@link #tenant}. */
  protected Caller staff;
  /** STAFF {@code staff-1} of {@link #otherTenant}: the same user in the other store. */
  protected Caller staffThere;
  /** SYSTEM caller of {@link #tenant}. */
  protected Caller system;
  /** MEMBER of {@link #tenant}. */
  protected Caller member;
  /** OWNER of {@link #otherTenant}. */
  protected Caller otherOwner;

  private final AtomicInteger nextItem = new AtomicInteger();

  /** @return the adapter under test; may be the same instance for every test */
  protected abstract PersistenceAdapter adapter();

  /** @return a reader of the same store that bypasses the adapter */
  protected abstract InventoryRawStore rawInventory();

  @BeforeEach
  void setUpInventory() {
    clock = new SettableClock(START);
    ledgerkit = Ledgerkit.builder().persistence(adapter()).clock(clock).build();
    inventory = ledgerkit.inventory();
    tenant = registerTenant();
    otherTenant = registerTenant();
    owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    staffThere = new Caller(otherTenant, "staff-1", Set.of(Role.STAFF));
    system = new Caller(tenant, "system", Set.of(Role.SYSTEM));
    member = new Caller(tenant, "member-1", Set.of(Role.MEMBER));
    otherOwner = new Caller(otherTenant, "owner-2", Set.of(Role.OWNER));
  }

  /** @return the id of a freshly registered store that does not allow negative stock */
  protected TenantId registerTenant() {
    TenantId id = TenantId.of("store-" + UUID.randomUUID());
    ledgerkit.tenants().register(id, TenantSettings.defaults());
    return id;
  }

  /** Every test ends with each item's stock equal to the sum of its movements, on every reading. */
  @AfterEach
  void stockEqualsTheSumOfMovements() {
    for (TenantId id : List.of(tenant, otherTenant)) {
      Caller reader = new Caller(id, "auditor", Set.of(Role.OWNER));
      Map<String, Long> sums = new LinkedHashMap<>();
      int offset = 0;
      while (true) {
        Page<Movement> page = inventory.list(reader, MovementFilter.all(),
            PageRequest.of(offset, PageRequest.MAX_LIMIT));
        page.items().forEach(m -> sums.merge(m.itemId(), m.quantityDelta(), Long::sum));
        offset += page.items().size();
        if (page.items().isEmpty() || offset >= page.total()) {
          assertEquals(page.total(), offset, "the listing's total counts what it lists");
          break;
        }
      }
      for (Map.Entry<String, Long> item : sums.entrySet()) {
        assertEquals(item.getValue(), inventory.stockOnHand(reader, item.getKey()),
            "stock of " + item.getKey() + " is the sum of its movements");
        assertEquals(item.getValue(), rawInventory().sumOfMovements(id, item.getKey()),
            "the store holds exactly the listed movements of " + item.getKey());
      }
      if (!sums.isEmpty()) {
        assertEquals(sums, inventory.stockOnHand(reader, List.copyOf(sums.keySet())));
      }
    }
  }

  // ---- recording ----

  @Test
  void aMovementIsStoredWithItsStockChange() {
    String item = newItem();
    clock.advance(Duration.ofSeconds(2));
    RecordedMovement restock = inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 10));
    clock.advance(Duration.ofSeconds(1));
    RecordedMovement sale = inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -3));

    assertEquals(10, restock.stockOnHand());
    assertEquals(7, sale.stockOnHand());
    assertEquals(7, inventory.stockOnHand(staff, item));
    Movement stored = inventory.findById(staff, sale.movement().id()).orElseThrow();
    assertEquals(sale.movement(), stored);
    assertEquals(tenant, stored.tenant());
    assertEquals(item, stored.itemId());
    assertEquals(-3, stored.quantityDelta());
    assertEquals(MovementType.SALE, stored.type());
    assertEquals("staff-1", stored.userId());
    assertEquals(clock.instant().truncatedTo(ChronoUnit.MILLIS), stored.timestamp(),
        "the timestamp defaults to now, cut to milliseconds");
    assertEquals(stored.timestamp(), stored.recordedAt());
    assertNull(stored.reason());
    assertNull(stored.correctsId());
    assertNull(stored.transferId());
    assertEquals(2, rawInventory().movements(tenant).size());
  }

  @Test
  void typesAreStoredByNameAndIndex() {
    assertEquals(List.of("sale", "restock", "manualAdjustment", "correction", "damage", "transfer"),
        Arrays.stream(MovementType.values()).map(MovementType::apiName).toList());
    assertEquals(List.of(0, 1, 2, 3, 4, 5),
        Arrays.stream(MovementType.values()).map(MovementType::index).toList());
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, 4)
        .withReason("counted"));
    Map<String, Object> raw = rawInventory().movements(tenant).get(0);
    assertTrue(raw.containsValue("manualAdjustment"), "the type's name is stored: " + raw);
    assertTrue(raw.values().stream().anyMatch(v -> v instanceof Number n && n.intValue() == 2),
        "the type's index is stored: " + raw);
  }

  @Test
  void eachTypeKeepsItsSign() {
    String item = newItem();
    Map<MovementDraft, Boolean> cases = new LinkedHashMap<>();
    cases.put(MovementDraft.of(item, MovementType.RESTOCK, 5), true);
    cases.put(MovementDraft.of(item, MovementType.RESTOCK, -1), false);
    cases.put(MovementDraft.of(item, MovementType.SALE, -1), true);
    cases.put(MovementDraft.of(item, MovementType.SALE, 1), false);
    cases.put(MovementDraft.of(item, MovementType.DAMAGE, -1), true);
    cases.put(MovementDraft.of(item, MovementType.DAMAGE, 1), false);
    cases.put(MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, 2).withReason("found"), true);
    cases.put(MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, -1).withReason("lost"), true);
    for (MovementType type : MovementType.values()) {
      cases.put(MovementDraft.of(item, type, 0).withReason("zero"), false);
    }
    for (Map.Entry<MovementDraft, Boolean> entry : cases.entrySet()) {
      MovementDraft draft = entry.getKey().at(nextTimestamp());
      if (entry.getValue()) {
        inventory.record(staff, draft);
      } else {
        ValidationException e = assertRefusedUnchanged(ValidationException.class,
            () -> inventory.record(staff, draft));
        assertTrue(e.fields().contains("quantityDelta"), draft + ": " + e.fields());
      }
    }
    assertEquals(5 - 1 - 1 + 2 - 1, inventory.stockOnHand(staff, item));
  }

  @Test
  void adjustmentsAndCorrectionsNeedAReasonOthersDoNot() {
    String item = newItem();
    Movement restock = inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 5)
        .at(nextTimestamp())).movement();
    for (String missing : Arrays.asList(null, "", "   ", "\u00A0\u2003", "\u3000", "\n\t")) {
      ValidationException adjustment = assertRefusedUnchanged(ValidationException.class,
          () -> inventory.record(staff, MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, 1)
              .withReason(missing).at(nextTimestamp())));
      assertEquals(List.of("reason"), adjustment.fields(), String.valueOf(missing));
      assertEquals(missing == null ? FieldError.REQUIRED : FieldError.BLANK,
          adjustment.errors().get(0).code(), "the guard judges the normalized reason");
      ValidationException correction = assertRefusedUnchanged(ValidationException.class,
          () -> inventory.record(staff, MovementDraft.correcting(restock.id(), -1, missing)
              .at(nextTimestamp())));
      assertEquals(List.of("reason"), correction.fields());
    }
    Movement sale = inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -1)
        .withReason("  walk-in\u00A0customer ").at(nextTimestamp())).movement();
    assertEquals("walk-in customer", sale.reason(), "reasons are normalized");
    assertEquals("walk-in customer", inventory.findById(staff, sale.id()).orElseThrow().reason());
    assertNull(inventory.record(staff, MovementDraft.of(item, MovementType.DAMAGE, -1)
        .withReason(" ").at(nextTimestamp())).movement().reason(), "a blank optional reason is none");
  }

  @Test
  void badMovementsAreRefusedFieldByFieldAndWriteNothing() {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 5).at(nextTimestamp()));
    Instant now = clock.instant();
    Map<String, MovementDraft> refused = new LinkedHashMap<>();
    refused.put("itemId", MovementDraft.of(null, MovementType.RESTOCK, 1));
    refused.put("itemId ", MovementDraft.of(" ", MovementType.RESTOCK, 1));
    refused.put("itemId  ", MovementDraft.of(" " + item, MovementType.RESTOCK, 1));
    refused.put("itemId   ", MovementDraft.of(item + "\uD800", MovementType.RESTOCK, 1));
    refused.put("itemId    ", MovementDraft.of(item + "\u202E", MovementType.RESTOCK, 1));
    refused.put("itemId     ", MovementDraft.of("x".repeat(256), MovementType.RESTOCK, 1));
    refused.put("type", MovementDraft.of(item, null, 1));
    refused.put("type ", MovementDraft.of(item, MovementType.TRANSFER, 1));
    refused.put("quantityDelta", new MovementDraft(item, MovementType.RESTOCK, null, null, null, null));
    refused.put("quantityDelta ", MovementDraft.of(item, MovementType.RESTOCK, 1_000_000_001L));
    refused.put("quantityDelta  ", MovementDraft.of(item, MovementType.SALE, Long.MIN_VALUE));
    refused.put("timestamp", MovementDraft.of(item, MovementType.RESTOCK, 1)
        .at(now.plus(Duration.ofMinutes(6))));
    refused.put("timestamp ", MovementDraft.of(item, MovementType.RESTOCK, 1)
        .at(Instant.parse("1969-12-31T23:59:59Z")));
    refused.put("timestamp  ", MovementDraft.of(item, MovementType.RESTOCK, 1).at(Instant.MAX));
    refused.put("reason", MovementDraft.of(item, MovementType.RESTOCK, 1).withReason("x\uDFFF"));
    refused.put("reason ", MovementDraft.of(item, MovementType.RESTOCK, 1).withReason("a\u0000b"));
    refused.put("reason  ", MovementDraft.of(item, MovementType.RESTOCK, 1)
        .withReason("r".repeat(2001)));
    refused.put("correctsId", new MovementDraft(item, MovementType.SALE, -1L, null, null,
        UUID.randomUUID()));
    refused.put("correctsId ", MovementDraft.of(item, MovementType.CORRECTION, 1).withReason("fix"));
    for (Map.Entry<String, MovementDraft> entry : refused.entrySet()) {
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> inventory.record(staff, entry.getValue()));
      assertEquals(List.of(entry.getKey().strip()), e.fields(), entry.getValue().toString());
    }
    ValidationException all = assertRefusedUnchanged(ValidationException.class,
        () -> inventory.record(staff, new MovementDraft(" ", MovementType.SALE, 3L,
            now.plus(Duration.ofDays(1)), "\u202E", null)));
    assertEquals(List.of("itemId", "quantityDelta", "reason", "timestamp"),
        all.fields().stream().sorted().toList(), "every failing field at once");
    assertRefusedUnchanged(ValidationException.class, () -> inventory.record(staff, null));
    assertEquals(5, inventory.stockOnHand(staff, item));
  }

  @Test
  void theFutureBoundIsConfigurable() {
    String item = newItem();
    Instant now = clock.instant();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 1)
        .at(now.plus(Duration.ofMinutes(4))));
    Ledgerkit strict = Ledgerkit.builder().persistence(adapter()).clock(clock)
        .movementFutureTolerance(Duration.ZERO).build();
    assertRefusedUnchanged(ValidationException.class, () -> strict.inventory().record(staff,
        MovementDraft.of(item, MovementType.RESTOCK, 1).at(now.plusMillis(1))));
    strict.inventory().record(staff, MovementDraft.of(item, MovementType.RESTOCK, 1));
    assertThrows(IllegalStateException.class, () -> Ledgerkit.builder().persistence(adapter())
        .movementFutureTolerance(Duration.ofSeconds(-1)).build());
    assertEquals(2, inventory.stockOnHand(staff, item));
  }

  // ---- uniqueness ----

  @Test
  void anItemHasOneMovementPerMillisecond() {
    String item = newItem();
    Instant at = Instant.parse("2026-02-01T08:00:00.123456Z");
    RecordedMovement first = inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 5).at(at));
    assertEquals(Instant.parse("2026-02-01T08:00:00.123Z"), first.movement().timestamp());
    for (Instant same : List.of(at, at.plusNanos(543_000), Instant.parse("2026-02-01T08:00:00.123Z"))) {
      assertRefusedUnchanged(ConflictException.class, () -> inventory.record(owner,
          MovementDraft.of(item, MovementType.SALE, -1).at(same)));
    }
    inventory.record(staff, MovementDraft.of(newItem(), MovementType.RESTOCK, 1).at(at));
    inventory.record(otherOwner, MovementDraft.of(item, MovementType.RESTOCK, 1).at(at));
    inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -1).at(at.plusMillis(1)));
    assertEquals(4, inventory.stockOnHand(staff, item));
    assertEquals(1, inventory.stockOnHand(otherOwner, item));
  }

  @Test
  void concurrentWritersOfOneTimestampRecordOneMovement() throws Exception {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 100).at(nextTimestamp()));
    Instant at = nextTimestamp();
    List<Object> outcomes = Races.race(8, thread -> {
      try {
        return inventory.record(staff, MovementDraft.of(item,
            thread % 2 == 0 ? MovementType.SALE : MovementType.RESTOCK,
            thread % 2 == 0 ? -(thread + 1) : thread + 1).at(at));
      } catch (ConflictException lost) {
        return lost;
      }
    });
    List<RecordedMovement> won = outcomes.stream().filter(RecordedMovement.class::isInstance)
        .map(RecordedMovement.class::cast).toList();
    assertEquals(1, won.size(), "exactly one movement at that timestamp: " + outcomes);
    assertEquals(100 + won.get(0).movement().quantityDelta(), inventory.stockOnHand(staff, item),
        "the losers moved no stock");
    assertEquals(2, inventory.list(staff, MovementFilter.all().withItemId(item)).total());
    assertEquals(2, rawInventory().movements(tenant).stream()
        .filter(raw -> raw.containsValue(item)).count());
  }

  // ---- negative stock ----

  @Test
  void stockNeverGoesNegativeUnlessTheStoreAllowsIt() {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 2).at(nextTimestamp()));
    InsufficientStockException e = assertRefusedUnchanged(InsufficientStockException.class,
        () -> inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -3).at(nextTimestamp())));
    assertEquals(item, e.itemId());
    assertEquals(-3, e.quantityDelta());
    assertRefusedUnchanged(InsufficientStockException.class, () -> inventory.record(staff,
        MovementDraft.of(newItem(), MovementType.DAMAGE, -1).at(nextTimestamp())));
    assertEquals(0, inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -2)
        .at(nextTimestamp())).stockOnHand(), "down to zero is fine");

    ledgerkit.tenants().updateSettings(owner, TenantSettings.defaults().withAllowNegativeStock(true));
    assertEquals(-4, inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -4)
        .at(nextTimestamp())).stockOnHand());
    String fresh = newItem();
    assertEquals(-1, inventory.record(staff, MovementDraft.of(fresh, MovementType.DAMAGE, -1)
        .at(nextTimestamp())).stockOnHand(), "a new item may start below zero too");
    ledgerkit.tenants().updateSettings(owner, TenantSettings.defaults());
    assertRefusedUnchanged(InsufficientStockException.class, () -> inventory.record(staff,
        MovementDraft.of(item, MovementType.SALE, -1).at(nextTimestamp())));
    assertEquals(-3, inventory.record(staff, MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, 1)
        .withReason("found one").at(nextTimestamp())).stockOnHand(),
        "raising stock that is still below zero is never refused");
    assertRefusedUnchanged(InsufficientStockException.class, () -> inventory.record(staff,
        MovementDraft.of(item, MovementType.MANUAL_ADJUSTMENT, -1).withReason("lost one")
            .at(nextTimestamp())));
    assertEquals(0, inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 3)
        .at(nextTimestamp())).stockOnHand());
  }

  @Test
  void eightSellersOfTheLastThousandUnitsNeverOversell() throws Exception {
    String item = newItem();
    Instant base = START.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 1_000).at(base));
    int threads = 8;
    int attemptsPerThread = 250;
    List<int[]> outcomes = Races.race(threads, thread -> {
      int[] counts = new int[2];
      for (int i = 0; i < attemptsPerThread; i++) {
        Instant at = base.plusMillis(1 + (long) thread * attemptsPerThread + i);
        try {
          inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -1).at(at));
          counts[0]++;
        } catch (InsufficientStockException refused) {
          counts[1]++;
        }
      }
      return counts;
    });
    assertEquals(1_000, outcomes.stream().mapToInt(c -> c[0]).sum(), "sales recorded");
    assertEquals(1_000, outcomes.stream().mapToInt(c -> c[1]).sum(), "insufficient-stock refusals");
    assertEquals(0, inventory.stockOnHand(staff, item));
    assertEquals(1_000, inventory.list(staff, MovementFilter.all().withItemId(item)
        .withType(MovementType.SALE)).total());
    assertEquals(0, rawInventory().sumOfMovements(tenant, item));
  }

  @Test
  void aSettingsChangeThroughAnotherInstanceIsObeyedByTheNextMovement() {
    Ledgerkit cached = Ledgerkit.builder().persistence(adapter()).clock(clock)
        .settingsMaxAge(Duration.ofHours(1)).build();
    Ledgerkit other = Ledgerkit.builder().persistence(adapter()).clock(clock).build();
    String item = newItem();
    cached.inventory().record(staff, MovementDraft.of(item, MovementType.RESTOCK, 1).at(nextTimestamp()));
    assertRefusedUnchanged(InsufficientStockException.class, () -> cached.inventory().record(staff,
        MovementDraft.of(item, MovementType.SALE, -2).at(nextTimestamp())));

    other.tenants().updateSettings(owner, TenantSettings.defaults().withAllowNegativeStock(true));
    assertEquals(-1, cached.inventory().record(staff, MovementDraft.of(item, MovementType.SALE, -2)
        .at(nextTimestamp())).stockOnHand(), "the new setting allows it at once");

    other.tenants().updateSettings(owner, TenantSettings.defaults());
    assertRefusedUnchanged(InsufficientStockException.class, () -> cached.inventory().record(staff,
        MovementDraft.of(item, MovementType.SALE, -1).at(nextTimestamp())));
    Instant at = nextTimestamp();
    assertRefusedUnchanged(InsufficientStockException.class, () -> cached.inventory().transfer(
        staff, staffThere, TransferDraft.of(item, 1).at(at)));
  }

  // ---- corrections ----

  @Test
  void aCorrectionReferencesTheMovementItFixes() {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 10).at(nextTimestamp()));
    Movement sale = inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -3)
        .at(nextTimestamp())).movement();
    RecordedMovement correction = inventory.record(owner,
        MovementDraft.correcting(sale.id(), 2, "sold one, not three").at(nextTimestamp()));

    Movement stored = correction.movement();
    assertEquals(MovementType.CORRECTION, stored.type());
    assertEquals(sale.id(), stored.correctsId());
    assertEquals(item, stored.itemId(), "a correction is of the corrected movement's item");
    assertEquals("sold one, not three", stored.reason());
    assertEquals(9, correction.stockOnHand());
    assertEquals(sale, inventory.findById(staff, sale.id()).orElseThrow(), "the sale is unchanged");
    RecordedMovement again = inventory.record(owner, MovementDraft.correcting(stored.id(), -1,
        "the correction was wrong").withItemId(item).at(nextTimestamp()));
    assertEquals(8, again.stockOnHand(), "a correction may be corrected, naming the same item");
  }

  @Test
  void aCorrectionOfAMissingForeignOrOtherItemsMovementIsRefused() {
    String item = newItem();
    Movement mine = inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 5)
        .at(nextTimestamp())).movement();
    Movement foreign = inventory.record(otherOwner, MovementDraft.of(item, MovementType.RESTOCK, 5)
        .at(nextTimestamp())).movement();
    for (UUID missing : List.of(UUID.randomUUID(), foreign.id())) {
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> inventory.record(staff, MovementDraft.correcting(missing, -1, "fix").at(nextTimestamp())));
      assertEquals(List.of("correctsId"), e.fields());
      assertFalse(e.getMessage().contains(foreign.tenant().value()), "no trace of the other store");
    }
    ValidationException otherItem = assertRefusedUnchanged(ValidationException.class,
        () -> inventory.record(staff, MovementDraft.correcting(mine.id(), -1, "fix")
            .withItemId(newItem()).at(nextTimestamp())));
    assertEquals(List.of("itemId"), otherItem.fields());
    assertEquals(5, inventory.stockOnHand(otherOwner, item), "the other store is untouched");
  }

  // ---- transfers ----

  @Test
  void aTransferIsTwoMovementsWithOneTransferId() {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 10).at(nextTimestamp()));
    Instant at = nextTimestamp();
    Transfer transfer = inventory.transfer(staff, staffThere,
        TransferDraft.of(item, 4).withReason("rebalancing").at(at));

    assertEquals(6, transfer.sourceStockOnHand());
    assertEquals(6, inventory.stockOnHand(staff, item));
    assertEquals(4, inventory.stockOnHand(staffThere, item));
    Movement out = inventory.findById(staff, transfer.out().id()).orElseThrow();
    Movement in = inventory.findById(staffThere, transfer.in().id()).orElseThrow();
    assertEquals(transfer.out(), out);
    assertEquals(transfer.in(), in);
    assertEquals(MovementType.TRANSFER, out.type());
    assertEquals(MovementType.TRANSFER, in.type());
    assertEquals(-4, out.quantityDelta());
    assertEquals(4, in.quantityDelta());
    assertEquals(transfer.transferId(), out.transferId());
    assertEquals(transfer.transferId(), in.transferId());
    assertEquals(tenant, out.tenant());
    assertEquals(otherTenant, in.tenant());
    assertEquals(at.truncatedTo(ChronoUnit.MILLIS), out.timestamp());
    assertEquals(out.timestamp(), in.timestamp());
    assertEquals("rebalancing", in.reason());
    assertTrue(inventory.findById(staff, in.id()).isEmpty(), "each leg lives in its own store");

    String arriving = newItem();
    Transfer renamed = inventory.transfer(staff, staffThere,
        TransferDraft.of(item, 1).toItem(arriving).at(nextTimestamp()));
    assertEquals(arriving, renamed.in().itemId());
    assertEquals(1, inventory.stockOnHand(staffThere, arriving));
    assertEquals(5, inventory.stockOnHand(staff, item));
  }

  @Test
  void aTransferIsRecordedWhollyOrNotAtAll() {
    String item = newItem();
    Instant restocked = nextTimestamp();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 3).at(restocked));
    Instant takenThere = nextTimestamp();
    inventory.record(staffThere, MovementDraft.of(item, MovementType.RESTOCK, 1).at(takenThere));

    assertRefusedUnchanged(InsufficientStockException.class,
        () -> inventory.transfer(staff, staffThere, TransferDraft.of(item, 4).at(nextTimestamp())));
    assertRefusedUnchanged(ConflictException.class,
        () -> inventory.transfer(staff, staffThere, TransferDraft.of(item, 1).at(takenThere)));
    assertRefusedUnchanged(ConflictException.class,
        () -> inventory.transfer(staff, staffThere, TransferDraft.of(item, 1).at(restocked)));
    assertEquals(3, inventory.stockOnHand(staff, item));
    assertEquals(1, inventory.stockOnHand(staffThere, item));
  }

  @Test
  void aTransferNeedsTheRightRoleInBothStores() {
    String item = newItem();
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 3).at(nextTimestamp()));
    Instant at = nextTimestamp();
    assertRefusedUnchanged(AccessDeniedException.class, () -> inventory.transfer(staff,
        new Caller(otherTenant, "staff-1", Set.of(Role.MEMBER)), TransferDraft.of(item, 1).at(at)));
    assertRefusedUnchanged(AccessDeniedException.class, () -> inventory.transfer(staff,
        new Caller(otherTenant, "staff-1", Set.of()), TransferDraft.of(item, 1).at(at)));
    assertRefusedUnchanged(AccessDeniedException.class, () -> inventory.transfer(
        new Caller(tenant, "staff-1", Set.of(Role.MEMBER)), staffThere, TransferDraft.of(item, 1).at(at)));
    assertRefusedUnchanged(UnknownTenantException.class, () -> inventory.transfer(staff,
        new Caller(TenantId.of("store-never-registered-" + UUID.randomUUID()), "staff-1",
            Set.of(Role.OWNER)), TransferDraft.of(item, 1).at(at)));
    ValidationException sameStore = assertRefusedUnchanged(ValidationException.class,
        () -> inventory.transfer(staff, new Caller(tenant, "staff-1", Set.of(Role.OWNER)),
            TransferDraft.of(item, 1).at(at)));
    assertEquals(List.of("to"), sameStore.fields());
    ValidationException otherUser = assertRefusedUnchanged(ValidationException.class,
        () -> inventory.transfer(staff, otherOwner, TransferDraft.of(item, 1).at(at)));
    assertEquals(List.of("to"), otherUser.fields());
    for (long quantity : new long[] {0, -1, 1_000_000_001L}) {
      ValidationException bad = assertRefusedUnchanged(ValidationException.class,
          () -> inventory.transfer(staff, staffThere, TransferDraft.of(item, quantity).at(at)));
      assertEquals(List.of("quantity"), bad.fields());
    }
    ValidationException badItems = assertRefusedUnchanged(ValidationException.class,
        () -> inventory.transfer(staff, staffThere, TransferDraft.of(null, 1).toItem(" ").at(at)));
    assertEquals(List.of("destinationItemId", "itemId"), badItems.fields().stream().sorted().toList());
    inventory.transfer(staff, staffThere, TransferDraft.of(item, 1).at(at));
    assertEquals(2, inventory.stockOnHand(staff, item));
  }

  @Test
  void racingTransfersAndSalesShareTheStockExactly() throws Exception {
    String item = newItem();
    Instant base = START.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
    inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 100).at(base));
    int perThread = 40;
    List<int[]> outcomes = Races.race(6, thread -> {
      int[] counts = new int[3];
      for (int i = 0; i < perThread; i++) {
        Instant at = base.plusMillis(1 + (long) thread * perThread + i);
        try {
          if (i % 2 == 0) {
            inventory.transfer(staff, staffThere, TransferDraft.of(item, 1).at(at));
            counts[0]++;
          } else {
            inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -1).at(at));
            counts[1]++;
          }
        } catch (InsufficientStockException refused) {
          counts[2]++;
        }
      }
      return counts;
    });
    int transfers = outcomes.stream().mapToInt(c -> c[0]).sum();
    int sales = outcomes.stream().mapToInt(c -> c[1]).sum();
    assertEquals(100, transfers + sales, "every unit left once");
    assertEquals(140, outcomes.stream().mapToInt(c -> c[2]).sum());
    assertEquals(0, inventory.stockOnHand(staff, item));
    assertEquals(transfers, inventory.stockOnHand(staffThere, item));
    assertEquals(transfers, inventory.list(staffThere, MovementFilter.all().withItemId(item)).total());
  }

  // ---- reading ----

  @Test
  void listingsFilterPageAndPutTheNewestFirst() {
    String item = newItem();
    String otherItem = newItem();
    Instant base = Instant.parse("2026-02-10T12:00:00Z");
    List<Movement> recorded = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Caller who = i % 3 == 0 ? owner : staff;
      recorded.add(inventory.record(who, MovementDraft.of(i % 2 == 0 ? item : otherItem,
          MovementType.RESTOCK, i + 1).at(base.plusSeconds(i))).movement());
    }
    recorded.add(inventory.record(staff, MovementDraft.of(item, MovementType.SALE, -1)
        .at(base.plusSeconds(10))).movement());
    inventory.record(otherOwner, MovementDraft.of(item, MovementType.RESTOCK, 9).at(base));

    Page<Movement> all = inventory.list(staff, MovementFilter.all());
    assertEquals(7, all.total());
    assertEquals(newestFirst(recorded), all.items(), "newest first");
    assertEquals(List.of(recorded.get(4), recorded.get(2), recorded.get(0)).stream()
            .map(Movement::id).toList(),
        inventory.list(staff, MovementFilter.all().withItemId(item).withType(MovementType.RESTOCK))
            .items().stream().map(Movement::id).toList());
    assertEquals(List.of(recorded.get(3), recorded.get(0)), inventory.list(staff,
        MovementFilter.all().withUserId("owner-1")).items());
    assertEquals(List.of(recorded.get(3), recorded.get(2), recorded.get(1)), inventory.list(staff,
        MovementFilter.all().between(base.plusSeconds(1), base.plusSeconds(4))).items(),
        "from is inclusive, to exclusive");
    assertEquals(List.of(recorded.get(1)), inventory.list(staff, MovementFilter.all()
        .between(base.plusSeconds(1), base.plusSeconds(1).plusNanos(1))).items(),
        "a bound inside a millisecond still holds the movement at its start");
    assertEquals(List.of(), inventory.list(staff, MovementFilter.all()
        .between(base.plusSeconds(1).plusNanos(1), base.plusSeconds(2))).items());
    Page<Movement> second = inventory.list(staff, MovementFilter.all(), PageRequest.of(2, 2));
    assertEquals(7, second.total());
    assertEquals(newestFirst(recorded).subList(2, 4), second.items());
    assertEquals(recorded.size(), inventory.list(staff, MovementFilter.all()
        .between(Instant.MIN, Instant.MAX)).total(), "extreme bounds compare like any other");
    ValidationException backwards = assertThrows(ValidationException.class, () -> inventory.list(
        staff, MovementFilter.all().between(base.plusSeconds(2), base)));
    assertEquals(List.of("to"), backwards.fields());
    assertThrows(ValidationException.class, () -> inventory.list(staff,
        MovementFilter.all().withItemId("x\uD800")));
    assertThrows(ValidationException.class, () -> inventory.list(staff,
        MovementFilter.all().withItemId(item + "\u00A0")), "an item id is never trimmed into another");
  }

  @Test
  void stockOfManyItemsAtOnce() {
    String a = newItem();
    String b = newItem();
    inventory.record(staff, MovementDraft.of(a, MovementType.RESTOCK, 3).at(nextTimestamp()));
    inventory.record(staff, MovementDraft.of(b, MovementType.RESTOCK, 7).at(nextTimestamp()));
    inventory.record(otherOwner, MovementDraft.of(b, MovementType.RESTOCK, 100).at(nextTimestamp()));
    String never = newItem();
    Map<String, Long> stock = inventory.stockOnHand(staff, List.of(b, never, a, b));
    assertEquals(List.of(b, never, a), List.copyOf(stock.keySet()), "in the order asked, once each");
    assertEquals(List.of(7L, 0L, 3L), List.copyOf(stock.values()));
    assertEquals(0, inventory.stockOnHand(staff, never));
    assertEquals(Map.of(), inventory.stockOnHand(staff, List.of()));
    ValidationException bad = assertThrows(ValidationException.class,
        () -> inventory.stockOnHand(staff, Arrays.asList(a, " ", null)));
    assertEquals(List.of("itemIds[1]", "itemIds[2]"), bad.fields());
    List<String> tooMany = IntStream.range(0, InventoryService.MAX_ITEMS_PER_READ + 1)
        .mapToObj(i -> "sku-" + i).toList();
    assertThrows(ValidationException.class, () -> inventory.stockOnHand(staff, tooMany));
    assertEquals(InventoryService.MAX_ITEMS_PER_READ,
        inventory.stockOnHand(staff, tooMany.subList(0, InventoryService.MAX_ITEMS_PER_READ)).size());
  }

  // ---- tenants and access ----

  @Test
  void anotherStoresMovementsDoNotExist() {
    String item = newItem();
    Movement mine = inventory.record(staff, MovementDraft.of(item, MovementType.RESTOCK, 5)
        .at(nextTimestamp())).movement();
    assertTrue(inventory.findById(otherOwner, mine.id()).isEmpty());
    assertEquals(0, inventory.list(otherOwner, MovementFilter.all()).total());
    assertEquals(0, inventory.stockOnHand(otherOwner, item));
    assertEquals(Map.of(item, 0L), inventory.stockOnHand(otherOwner, List.of(item)));
    inventory.record(otherOwner, MovementDraft.of(item, MovementType.RESTOCK, 2).at(mine.timestamp()));
    assertEquals(5, inventory.stockOnHand(staff, item), "the same item id in another store is another item");
  }

  @Test
  void whoMayReadAndRecord() {
    String item = newItem();
    inventory.record(system, MovementDraft.of(item, MovementType.RESTOCK, 5).at(nextTimestamp()));
    inventory.record(owner, MovementDraft.of(item, MovementType.SALE, -1).at(nextTimestamp()));
    assertEquals(4, inventory.stockOnHand(system, item));
    assertRefusedUnchanged(AccessDeniedException.class, () -> inventory.record(member,
        MovementDraft.of(item, MovementType.RESTOCK, 1).at(nextTimestamp())));
    assertThrows(AccessDeniedException.class, () -> inventory.stockOnHand(member, item));
    assertThrows(AccessDeniedException.class, () -> inventory.list(member, MovementFilter.all()));
    Caller unknown = new Caller(TenantId.of("store-unknown-" + UUID.randomUUID()), "x",
        Set.of(Role.OWNER));
    assertThrows(UnknownTenantException.class, () -> inventory.stockOnHand(unknown, item));
    assertRefusedUnchanged(UnknownTenantException.class, () -> inventory.record(unknown,
        MovementDraft.of(item, MovementType.RESTOCK, 1)));
    assertRefusedUnchanged(ValidationException.class, () -> inventory.record(null,
        MovementDraft.of(item, MovementType.RESTOCK, 1)));
  }

  @Test
  void noMovementCanBeChangedOrDeleted() {
    List<Class<?>> surfaces = List.of(InventoryService.class, InventoryRepository.class,
        adapter().inventory().getClass(), Movement.class);
    List<String> mutating = List.of("update", "delete", "remove", "purge", "modify", "edit",
        "set", "replace", "erase", "clear", "restore", "softdelete");
    for (Class<?> surface : surfaces) {
      for (Method method : surface.getMethods()) {
        if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
          continue;
        }
        String name = method.getName().toLowerCase(Locale.ROOT);
        assertTrue(mutating.stream().noneMatch(name::startsWith),
            surface.getSimpleName() + "." + method.getName() + " looks like a way to change a movement");
      }
    }
  }

  // ---- helpers ----

  private static List<Movement> newestFirst(List<Movement> oldestFirst) {
    List<Movement> reversed = new ArrayList<>(oldestFirst);
    Collections.reverse(reversed);
    return reversed;
  }

  /** @return a fresh item id, unique within the test */
  protected String newItem() {
    return "sku-" + nextItem.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** @return a timestamp in the past, distinct from every other one this test takes */
  protected Instant nextTimestamp() {
    return START.minus(Duration.ofHours(1)).plusMillis(nextItem.incrementAndGet() * 1_000L)
        .truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Runs the action, which must fail as given, and checks that the raw store of both stores is
   * unchanged.
   *
   * @param expected the exception the action must throw
   * @param action what to run
   * @param <T> the exception's type
   * @return what it threw
   */
  protected <T extends Throwable> T assertRefusedUnchanged(Class<T> expected, Executable action) {
    List<List<Map<String, Object>>> before = snapshot();
    T thrown = assertThrows(expected, action);
    assertEquals(before, snapshot(), "the store changed");
    return thrown;
  }

  private List<List<Map<String, Object>>> snapshot() {
    return List.of(rawInventory().movements(tenant), rawInventory().stock(tenant),
        rawInventory().movements(otherTenant), rawInventory().stock(otherTenant));
  }
}
