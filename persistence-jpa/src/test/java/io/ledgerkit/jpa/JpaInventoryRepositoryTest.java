package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.ValidationException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.SettingsCheckedInventoryRepository;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL inventory store on its own and through the SDK: what it writes, the database's
 * own guards (the append-only ledger, the unique timestamp, the stock row a movement counts in),
 * transfers both or neither, listings, and the settings version checked in the write.
 */
class JpaInventoryRepositoryTest {

  private static final Instant AT = Instant.parse("2026-02-27T08:00:00.123Z");

  private final InventorySdk sdk = new InventorySdk(TestDatabase.persistence());
  private final SettingsCheckedInventoryRepository store =
      (SettingsCheckedInventoryRepository) TestDatabase.persistence().inventory();
  private final JdbcInventoryRawStore raw = TestDatabase.rawInventory();
  private final TenantId tenant = sdk.tenant;

  @Test
  void aMovementAndItsStockChangeAreStoredAndReadBackExactly() {
    Movement restock = movement(tenant, "sku-1", MovementType.RESTOCK, 5, AT);
    Movement adjustment = new Movement(UUID.randomUUID(), tenant, "sku-1", -2,
        MovementType.MANUAL_ADJUSTMENT, AT.plusMillis(1), "staff-1", "counted: ünd \uD83D\uDCE6",
        null, null, AT.plusSeconds(1));

    assertEquals(OptionalLong.of(5), store.record(restock, false));
    assertEquals(OptionalLong.of(3), store.record(adjustment, false));

    assertEquals(restock, store.findById(tenant, restock.id()).orElseThrow());
    assertEquals(adjustment, store.findById(tenant, adjustment.id()).orElseThrow());
    assertEquals(3, store.stockOf(tenant, "sku-1"));
    assertEquals(0, store.stockOf(tenant, "sku-never-moved"));
    Map<String, Object> row = raw.movements(tenant).stream()
        .filter(r -> r.get("id").equals(adjustment.id().toString())).findFirst().orElseThrow();
    assertEquals("manualAdjustment", row.get("movement_type"));
    assertEquals(2, row.get("movement_type_idx"));
    assertEquals(-2L, row.get("quantity_delta"));
    assertEquals(AT.plusMillis(1), row.get("movement_timestamp"));
    assertEquals(List.of(Map.of("tenant_id", tenant.value(), "item_id", "sku-1", "on_hand", 3L)),
        raw.stock(tenant));
    assertEquals(3, raw.sumOfMovements(tenant, "sku-1"));
  }

  @Test
  void aMovementThatWouldTakeStockBelowZeroWritesNothing() {
    assertEquals(OptionalLong.empty(),
        store.record(movement(tenant, "sku-new", MovementType.SALE, -1, AT), false),
        "no stock row yet");
    assertEquals(List.of(), raw.stock(tenant), "not even an empty stock row");
    store.record(movement(tenant, "sku-1", MovementType.RESTOCK, 2, AT), false);
    List<Map<String, Object>> movements = raw.movements(tenant);

    assertEquals(OptionalLong.empty(),
        store.record(movement(tenant, "sku-1", MovementType.SALE, -3, AT.plusMillis(1)), false));
    assertEquals(movements, raw.movements(tenant));
    assertEquals(2, store.stockOf(tenant, "sku-1"));
    assertEquals(OptionalLong.of(0),
        store.record(movement(tenant, "sku-1", MovementType.SALE, -2, AT.plusMillis(2)), false),
        "down to zero is fine");
    assertEquals(OptionalLong.of(-4),
        store.record(movement(tenant, "sku-1", MovementType.DAMAGE, -4, AT.plusMillis(3)), true));
    assertEquals(OptionalLong.of(-7),
        store.record(movement(tenant, "sku-2", MovementType.DAMAGE, -7, AT), true),
        "a first movement may go negative where allowed");
    assertEquals(OptionalLong.empty(),
        store.record(movement(tenant, "sku-1", MovementType.RESTOCK, 1, AT.plusMillis(4)), false),
        "the stock would still end below zero");
    assertEquals(-4, raw.sumOfMovements(tenant, "sku-1"));
    assertEquals(-4, store.stockOf(tenant, "sku-1"));
  }

  @Test
  void aTakenTimestampOrIdIsAConflictAndWritesNothing() {
    Movement first = movement(tenant, "sku-1", MovementType.RESTOCK, 5, AT);
    store.record(first, false);
    List<Map<String, Object>> movements = raw.movements(tenant);
    List<Map<String, Object>> stock = raw.stock(tenant);

    ConflictException sameTime = assertThrows(ConflictException.class, () -> store.record(
        movement(tenant, "sku-1", MovementType.RESTOCK, 1, AT), false));
    assertEquals(InventoryRepository.duplicateTimestamp(first).getMessage(),
        sameTime.getMessage());
    Movement sameId = new Movement(first.id(), tenant, "sku-2", 1, MovementType.RESTOCK, AT,
        "staff-1", null, null, null, AT);
    ConflictException taken = assertThrows(ConflictException.class,
        () -> store.record(sameId, false));
    assertTrue(taken.getMessage().contains("the id is taken"), taken.getMessage());
    assertFalse(taken.getMessage().contains("sku-2"), "no stored value in the message");

    assertEquals(movements, raw.movements(tenant));
    assertEquals(stock, raw.stock(tenant), "no stock row for sku-2 either");
    assertEquals(OptionalLong.of(6), store.record(
        movement(tenant, "sku-1", MovementType.RESTOCK, 1, AT.plusMillis(1)), false),
        "the next millisecond is another timestamp");
    assertEquals(OptionalLong.of(1), store.record(
        movement(sdk.anotherStore().tenant(), "sku-1", MovementType.RESTOCK, 1, AT), false),
        "the same timestamp in another store");
  }

  @Test
  void aWriteAtAnotherSettingsVersionIsRefusedAndWritesNothing() {
    store.record(movement(tenant, "sku-1", MovementType.RESTOCK, 5, AT), false);
    List<Map<String, Object>> movements = raw.movements(tenant);

    assertThrows(SettingsChangedException.class, () -> store.record(
        movement(tenant, "sku-1", MovementType.SALE, -1, AT.plusMillis(1)), false, 2));
    assertThrows(SettingsChangedException.class, () -> store.record(
        movement(tenant, "sku-1", MovementType.SALE, -9, AT.plusMillis(1)), false, 2),
        "a changed version wins over insufficient stock");
    Caller there = sdk.anotherStore();
    assertThrows(SettingsChangedException.class, () -> store.recordTransfer(
        leg(tenant, "sku-1", -1, AT.plusMillis(1)), leg(there.tenant(), "sku-1", 1,
            AT.plusMillis(1)), false, 7));

    assertEquals(movements, raw.movements(tenant));
    assertEquals(List.of(), raw.movements(there.tenant()));
    assertEquals(OptionalLong.of(4), store.record(
        movement(tenant, "sku-1", MovementType.SALE, -1, AT.plusMillis(1)), false, 1));
    assertEquals(OptionalLong.empty(), store.record(
        movement(tenant, "sku-1", MovementType.SALE, -9, AT.plusMillis(2)), false, 1));
  }

  @Test
  void aTransferMovesBothStocksOrNeither() {
    Caller here = sdk.staff;
    Caller there = sdk.anotherStore();
    sdk.restock("sku-1", 10);

    Transfer transfer = sdk.inventory.transfer(here, there,
        TransferDraft.of("sku-1", 4).at(sdk.nextTimestamp()).withReason("to the branch"));
    assertEquals(6, transfer.sourceStockOnHand());
    assertEquals(6, store.stockOf(here.tenant(), "sku-1"));
    assertEquals(4, store.stockOf(there.tenant(), "sku-1"));
    assertEquals(transfer.out(), store.findById(here.tenant(), transfer.out().id()).orElseThrow());
    assertEquals(transfer.in(), store.findById(there.tenant(), transfer.in().id()).orElseThrow());
    assertEquals(transfer.transferId(), transfer.in().transferId());

    // The destination's item has a movement at the transfer's timestamp already.
    Instant taken = sdk.nextTimestamp();
    sdk.inventory.record(there, MovementDraft.of("sku-1", MovementType.RESTOCK, 1).at(taken));
    List<List<Map<String, Object>>> before = snapshot(here.tenant(), there.tenant());
    ConflictException conflict = assertThrows(ConflictException.class, () ->
        sdk.inventory.transfer(here, there, TransferDraft.of("sku-1", 1).at(taken)));
    assertEquals(there.tenant(), conflict.tenant(), "the destination's timestamp was taken");
    assertEquals(before, snapshot(here.tenant(), there.tenant()));

    // The source's, then: the source leg's item.
    Instant takenHere = sdk.nextTimestamp();
    sdk.inventory.record(here, MovementDraft.of("sku-1", MovementType.RESTOCK, 1).at(takenHere));
    before = snapshot(here.tenant(), there.tenant());
    assertEquals(here.tenant(), assertThrows(ConflictException.class, () ->
        sdk.inventory.transfer(here, there, TransferDraft.of("sku-1", 1).at(takenHere)))
        .tenant());
    assertEquals(before, snapshot(here.tenant(), there.tenant()));

    InsufficientStockException short_ = assertThrows(InsufficientStockException.class, () ->
        sdk.inventory.transfer(here, there, TransferDraft.of("sku-1", 8).at(sdk.nextTimestamp())));
    assertEquals(-8, short_.quantityDelta());
    assertEquals(before, snapshot(here.tenant(), there.tenant()));
    assertThrows(InsufficientStockException.class, () -> sdk.inventory.transfer(there, here,
        TransferDraft.of("sku-unknown", 1).at(sdk.nextTimestamp())));
    assertEquals(before, snapshot(here.tenant(), there.tenant()));

    for (Caller caller : List.of(here, there)) {
      assertEquals(store.stockOf(caller.tenant(), "sku-1"),
          raw.sumOfMovements(caller.tenant(), "sku-1"));
    }
  }

  @Test
  void aTransferIntoANewItemCreatesItsStock() {
    Caller there = sdk.anotherStore();
    sdk.restock("sku-1", 3);

    Transfer transfer = sdk.inventory.transfer(sdk.staff, there,
        TransferDraft.of("sku-1", 3).toItem("sku-1-branch").at(sdk.nextTimestamp()));

    assertEquals(0, transfer.sourceStockOnHand());
    assertEquals(Map.of("sku-1-branch", 3L, "sku-none", 0L),
        store.stockOf(there.tenant(), List.of("sku-1-branch", "sku-none")));
    assertEquals(3, raw.sumOfMovements(there.tenant(), "sku-1-branch"));
  }

  @Test
  void listingsFilterPageAndCountNewestFirst() {
    UUID low = UUID.fromString("00000000-0000-4000-8000-000000000001");
    UUID high = UUID.fromString("f0000000-0000-4000-8000-000000000001");
    Movement tieLow = withId(movement(tenant, "sku-a", MovementType.RESTOCK, 5, AT), low);
    Movement tieHigh = withId(movement(tenant, "sku-b", MovementType.RESTOCK, 5, AT), high);
    Movement older = movement(tenant, "sku-a", MovementType.SALE, -1, AT.minusSeconds(60));
    Movement newer = new Movement(UUID.randomUUID(), tenant, "sku-a", -1, MovementType.SALE,
        AT.plusSeconds(60), "staff-2", null, null, null, AT);
    for (Movement movement : List.of(tieLow, tieHigh)) {
      store.record(movement, false);
    }
    store.record(older, true);
    store.record(newer, false);
    store.record(movement(sdk.anotherStore().tenant(), "sku-a", MovementType.RESTOCK, 1, AT),
        false);

    assertEquals(List.of(newer, tieHigh, tieLow, older),
        store.find(tenant, MovementFilter.all(), PageRequest.FIRST).items());
    Page<Movement> second = store.find(tenant, MovementFilter.all(), PageRequest.of(1, 2));
    assertEquals(List.of(tieHigh, tieLow), second.items());
    assertEquals(4, second.total());
    assertEquals(List.of(newer, tieLow, older),
        store.find(tenant, MovementFilter.all().withItemId("sku-a"), PageRequest.FIRST).items());
    assertEquals(List.of(newer, older), store.find(tenant,
        MovementFilter.all().withType(MovementType.SALE), PageRequest.FIRST).items());
    assertEquals(List.of(tieHigh, tieLow), store.find(tenant,
        MovementFilter.all().between(AT, AT.plusSeconds(60)), PageRequest.FIRST).items(),
        "from inclusive, to exclusive");
    Page<Movement> mine = store.find(tenant, MovementFilter.all().withUserId("staff-2")
        .withItemId("sku-a").withType(MovementType.SALE).between(AT, AT.plusSeconds(61)),
        PageRequest.FIRST);
    assertEquals(List.of(newer), mine.items());
    assertEquals(1, mine.total());
    assertEquals(0, store.find(tenant, MovementFilter.all().withItemId("nothing"),
        PageRequest.FIRST).total());
  }

  @Test
  void stockOfManyItemsIsOneReadOfTheirRows() {
    sdk.restock("sku-1", 1);
    sdk.restock("sku-2", 2);
    sdk.restock("sku-3", 3);

    assertEquals(Map.of("sku-3", 3L, "sku-1", 1L, "sku-9", 0L),
        sdk.inventory.stockOnHand(sdk.staff, List.of("sku-3", "sku-1", "sku-9")));
    assertEquals(Map.of(), store.stockOf(tenant, List.of()));
    assertEquals(Map.of("sku-2", 2L), store.stockOf(tenant, Set.of("sku-2")));
  }

  @Test
  void textThatCannotBeStoredExactlyIsRefusedBeforeAnyStatement() {
    Movement unpaired = new Movement(UUID.randomUUID(), tenant, "sku-\uD800", 1,
        MovementType.RESTOCK, AT, "staff-1", null, null, null, AT);
    assertThrows(ValidationException.class, () -> store.record(unpaired, false));
    assertThrows(ValidationException.class, () -> store.stockOf(tenant, "sku-\u0000"));
    assertThrows(ValidationException.class, () -> store.stockOf(tenant, List.of("a", "\uDC00")));
    assertThrows(ValidationException.class, () -> store.find(tenant,
        MovementFilter.all().withUserId("\u0000"), PageRequest.FIRST));
    assertEquals(List.of(), raw.movements(tenant));
  }

  @Test
  void aChangeOfAllowNegativeStockThroughOneInstanceIsObeyedByTheNextMovementThroughAnother() {
    // Both instances keep a store's settings for an hour: only the version checked in the write
    // can tell the second one that they changed.
    InventorySdk first = sdk;
    InventorySdk second = sdk.sameStoreElsewhere(Duration.ofHours(1));
    first.restock("sku-1", 1);
    second.sale("sku-1", 1);
    assertThrows(InsufficientStockException.class, () -> second.sale("sku-1", 1));

    first.ledgerkit.tenants().updateSettings(first.owner,
        TenantSettings.defaults().withAllowNegativeStock(true));
    assertEquals(-1, second.sale("sku-1", 1).stockOnHand(), "allowed now");

    first.ledgerkit.tenants().updateSettings(first.owner,
        TenantSettings.defaults().withAllowNegativeStock(false));
    List<Map<String, Object>> movements = raw.movements(tenant);
    assertThrows(InsufficientStockException.class, () -> second.sale("sku-1", 1),
        "refused again");
    assertEquals(movements, raw.movements(tenant));
    Caller there = second.anotherStore();
    assertThrows(InsufficientStockException.class, () -> second.inventory.transfer(second.staff,
        there, TransferDraft.of("sku-1", 1).at(second.nextTimestamp())), "transfers too");
    assertEquals(-1, raw.sumOfMovements(tenant, "sku-1"));
    assertEquals(-1, second.inventory.stockOnHand(second.staff, "sku-1"));
  }

  @Test
  void theLedgerRefusesUpdateDeleteTruncateAndUpsertsInTheDatabase() throws SQLException {
    sdk.restock("sku-1", 5);
    List<Map<String, Object>> before = raw.movements(tenant);
    String mine = " where tenant_id = '" + tenant.value() + "'";

    for (String sql : List.of(
        "update ledgerkit_movement set quantity_delta = 50" + mine,
        "update ledgerkit_movement set movement_reason = 'none'" + mine + " and false",
        "delete from ledgerkit_movement" + mine,
        "delete from ledgerkit_movement where false",
        "truncate ledgerkit_movement",
        "insert into ledgerkit_movement select * from ledgerkit_movement" + mine
            + " on conflict (tenant_id, id) do update set quantity_delta = 50")) {
      SQLException refused = assertThrows(SQLException.class, () -> executeRaw(sql), sql);
      assertEquals("23001", refused.getSQLState(), sql);
      assertTrue(refused.getMessage().contains("ledgerkit_movement is append-only"), sql);
    }
    assertEquals(before, raw.movements(tenant));

    SQLException orphan = assertThrows(SQLException.class, () -> executeRaw(
        "delete from ledgerkit_stock" + mine));
    assertEquals("23503", orphan.getSQLState(), "a stock row with movements stays");
    SQLException noStockRow = assertThrows(SQLException.class, () -> executeRaw(
        "insert into ledgerkit_movement (tenant_id, id, item_id, quantity_delta, movement_type,"
            + " movement_type_idx, movement_timestamp, user_id, recorded_at) values ('"
            + tenant.value() + "', gen_random_uuid(), 'sku-without-stock', 1, 'restock', 1,"
            + " now(), 'x', now())"));
    assertEquals("23503", noStockRow.getSQLState(), "a movement counts in a stock row");
    SQLException wrongSign = assertThrows(SQLException.class, () -> executeRaw(
        "insert into ledgerkit_movement (tenant_id, id, item_id, quantity_delta, movement_type,"
            + " movement_type_idx, movement_timestamp, user_id, recorded_at) values ('"
            + tenant.value() + "', gen_random_uuid(), 'sku-1', 1, 'sale', 0, now(), 'x', now())"));
    assertEquals("23514", wrongSign.getSQLState(), "a sale decreases stock");
    assertEquals(5, raw.sumOfMovements(tenant, "sku-1"));
  }

  @Test
  void theAppendOnlyTriggerAndTheIndexesAreInPlace() throws SQLException {
    // BEFORE (2), UPDATE (16), DELETE (8), TRUNCATE (32), per statement (no ROW bit, 1).
    assertEquals(List.of("ledgerkit_movement_append_only 58"), strings("select tgname || ' '"
        + " || tgtype::int from pg_trigger where tgrelid = 'ledgerkit_movement'::regclass"
        + " and not tgisinternal"));
    assertEquals(List.of(
            "ledgerkit_movement_pkey CREATE UNIQUE INDEX ledgerkit_movement_pkey ON"
                + " ledgerkit_movement USING btree (tenant_id, id)",
            "ledgerkit_movement_tenant_item_timestamp_key CREATE UNIQUE INDEX"
                + " ledgerkit_movement_tenant_item_timestamp_key ON ledgerkit_movement USING btree"
                + " (tenant_id, item_id, movement_timestamp)",
            "ledgerkit_movement_tenant_timestamp_idx CREATE INDEX"
                + " ledgerkit_movement_tenant_timestamp_idx ON ledgerkit_movement USING btree"
                + " (tenant_id, movement_timestamp DESC, id DESC)",
            "ledgerkit_stock_pkey CREATE UNIQUE INDEX ledgerkit_stock_pkey ON ledgerkit_stock"
                + " USING btree (tenant_id, item_id)"),
        strings("select indexname || ' ' || replace(indexdef, current_schema() || '.', '')"
            + " from pg_indexes where schemaname = current_schema() and tablename in"
            + " ('ledgerkit_movement', 'ledgerkit_stock') order by indexname"));
  }

  private List<List<Map<String, Object>>> snapshot(TenantId... tenants) {
    List<List<Map<String, Object>>> all = new ArrayList<>();
    for (TenantId id : tenants) {
      all.add(raw.movements(id));
      all.add(raw.stock(id));
    }
    return all;
  }

  static Movement movement(TenantId tenant, String itemId, MovementType type, long delta,
      Instant at) {
    return new Movement(UUID.randomUUID(), tenant, itemId, delta, type, at, "staff-1",
        type.requiresReason() ? "counted" : null, null, null, at);
  }

  private static Movement leg(TenantId tenant, String itemId, long delta, Instant at) {
    return new Movement(UUID.randomUUID(), tenant, itemId, delta, MovementType.TRANSFER, at,
        "staff-1", null, null, UUID.randomUUID(), at);
  }

  private static Movement withId(Movement movement, UUID id) {
    return new Movement(id, movement.tenant(), movement.itemId(), movement.quantityDelta(),
        movement.type(), movement.timestamp(), movement.userId(), movement.reason(),
        movement.correctsId(), movement.transferId(), movement.recordedAt());
  }

  private static void executeRaw(String sql) throws SQLException {
    try (Connection connection = TestDatabase.pool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> strings(String sql) throws SQLException {
    try (Connection connection = TestDatabase.pool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }
}
