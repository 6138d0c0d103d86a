package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerkit.ConflictException;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.StorageException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the MongoDB inventory repository adds to the contract, at the repository itself: the
 * stored layout and indexes, the chain (seq and stock after each movement), what refusals leave,
 * reservations and markers kept out of every read, listing order and filters, the recovery age,
 * refused strings and error mapping.
 */
class MongoInventoryAdapterTest {

  private static final String DATABASE = "ledgerkit_inventory_adapter";
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static MongoInventoryRawStore raw;

  private final TenantId tenant = new TenantId("tenant-" + UUID.randomUUID());
  private final TenantId otherTenant = new TenantId("tenant-" + UUID.randomUUID());

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.builder(mongo.client(), DATABASE)
        .transferRecoveryAge(Duration.ZERO).build();
    raw = new MongoInventoryRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private static InventoryRepository inventory() {
    return adapter.inventory();
  }

  @Test
  void indexesAreTenantFirstButTheRecoveryScanAndCreatingThemAgainIsFine() {
    MongoPersistence.create(mongo.client(), DATABASE);

    Map<String, Document> indexes = new HashMap<>();
    raw.collection().listIndexes().forEach(index -> indexes.put(index.getString("name"), index));
    assertEquals(Set.of("_id_", MongoInventoryRepository.SEQ_INDEX,
        MongoInventoryRepository.TIMESTAMP_INDEX, MongoInventoryRepository.TIME_INDEX,
        MongoInventoryRepository.USER_INDEX, MongoInventoryRepository.TYPE_INDEX,
        MongoInventoryRepository.RESERVED_INDEX), indexes.keySet());
    assertEquals(new Document("tenantId", 1).append("itemId", 1).append("seq", 1),
        indexes.get(MongoInventoryRepository.SEQ_INDEX).get("key", Document.class));
    assertEquals(new Document("tenantId", 1).append("itemId", 1).append("movementTimestamp", 1),
        indexes.get(MongoInventoryRepository.TIMESTAMP_INDEX).get("key", Document.class));
    assertTrue(indexes.get(MongoInventoryRepository.SEQ_INDEX).getBoolean("unique", false));
    assertTrue(indexes.get(MongoInventoryRepository.TIMESTAMP_INDEX).getBoolean("unique", false));
    assertEquals(new Document("tenantId", 1).append("movementTimestamp", -1).append("_id", -1),
        indexes.get(MongoInventoryRepository.TIME_INDEX).get("key", Document.class));
    indexes.forEach((name, index) -> {
      if (!name.equals("_id_") && !name.equals(MongoInventoryRepository.RESERVED_INDEX)) {
        assertEquals("tenantId", index.get("key", Document.class).keySet().iterator().next(), name);
      }
    });
  }

  @Test
  void eachMovementIsStoredWithTheSeedNamesItsPlaceInTheChainAndTheStockAfterIt() {
    Movement restock = movement(tenant, "sku-1", 5, MovementType.RESTOCK, T0);
    Movement adjusted = new Movement(UUID.randomUUID(), tenant, "sku-1", -2,
        MovementType.MANUAL_ADJUSTMENT, T0.plusMillis(1), "staff-2", "counted", null, null, T0);
    assertEquals(OptionalLong.of(5), inventory().record(restock, false));
    assertEquals(OptionalLong.of(3), inventory().record(adjusted, false));

    List<Document> stored = raw.documents(tenant);
    stored.sort(Comparator.comparing(document -> document.getLong("seq")));
    assertEquals(new Document("_id", restock.id().toString())
        .append("tenantId", tenant.value())
        .append("itemId", "sku-1")
        .append("quantityDelta", 5L)
        .append("movementType", "restock")
        .append("movementTypeIdx", 1)
        .append("movementTimestamp", Date.from(T0))
        .append("userId", "staff-1")
        .append("recordedAt", Date.from(T0))
        .append("seq", 1L)
        .append("stockAfter", 5L), stored.get(0));
    assertEquals("manualAdjustment", stored.get(1).get("movementType"));
    assertEquals(2, stored.get(1).get("movementTypeIdx"));
    assertEquals("counted", stored.get(1).get("movementReason"));
    assertEquals(2L, stored.get(1).get("seq"));
    assertEquals(3L, stored.get(1).get("stockAfter"));
    assertEquals(adjusted, inventory().findById(tenant, adjusted.id()).orElseThrow());
    assertEquals(3, inventory().stockOf(tenant, "sku-1"));
    assertEquals(3, raw.sumOfMovements(tenant, "sku-1"));
  }

  @Test
  void aMovementBelowZeroWritesNothingUnlessAllowed() {
    inventory().record(movement(tenant, "sku-1", 2, MovementType.RESTOCK, T0), false);
    List<Document> before = raw.documents(tenant);

    assertEquals(OptionalLong.empty(),
        inventory().record(movement(tenant, "sku-1", -3, MovementType.SALE, T0.plusMillis(1)), false));
    assertEquals(before, raw.documents(tenant));
    assertEquals(OptionalLong.empty(),
        inventory().record(movement(tenant, "sku-2", -1, MovementType.DAMAGE, T0), false));

    assertEquals(OptionalLong.of(-1),
        inventory().record(movement(tenant, "sku-1", -3, MovementType.SALE, T0.plusMillis(1)), true));
    assertEquals(OptionalLong.of(-4),
        inventory().record(movement(tenant, "sku-2", -4, MovementType.DAMAGE, T0), true));
    assertEquals(-1, inventory().stockOf(tenant, "sku-1"));
    assertEquals(-4, raw.sumOfMovements(tenant, "sku-2"));
  }

  @Test
  void aTakenTimestampOrIdIsAConflictThatWritesNothing() {
    Movement first = movement(tenant, "sku-1", 4, MovementType.RESTOCK, T0);
    inventory().record(first, false);
    List<Document> before = raw.documents(tenant);

    ConflictException timestamp = assertThrows(ConflictException.class, () -> inventory()
        .record(movement(tenant, "sku-1", 1, MovementType.RESTOCK, T0), false));
    assertTrue(timestamp.getMessage().contains("has a movement at"), timestamp.getMessage());
    Movement sameId = new Movement(first.id(), tenant, "sku-1", 1, MovementType.RESTOCK,
        T0.plusMillis(1), "staff-1", null, null, null, T0);
    ConflictException id = assertThrows(ConflictException.class,
        () -> inventory().record(sameId, false));
    assertTrue(id.getMessage().contains("the id is taken"), id.getMessage());
    assertEquals(before, raw.documents(tenant));

    assertEquals(OptionalLong.of(1), inventory()
        .record(movement(tenant, "sku-2", 1, MovementType.RESTOCK, T0), false), "another item");
    assertEquals(OptionalLong.of(1), inventory()
        .record(movement(otherTenant, "sku-1", 1, MovementType.RESTOCK, T0), false),
        "another tenant");
  }

  @Test
  void aTransferWritesBothLegsEachInItsChain() {
    inventory().record(movement(tenant, "sku-1", 10, MovementType.RESTOCK, T0), false);
    inventory().record(movement(otherTenant, "sku-9", 1, MovementType.RESTOCK, T0), false);
    UUID transferId = UUID.randomUUID();
    Movement out = leg(tenant, "sku-1", -4, transferId, T0.plusMillis(5));
    Movement in = leg(otherTenant, "sku-9", 4, transferId, T0.plusMillis(5));

    assertEquals(OptionalLong.of(6), inventory().recordTransfer(out, in, false));

    assertEquals(6, inventory().stockOf(tenant, "sku-1"));
    assertEquals(5, inventory().stockOf(otherTenant, "sku-9"));
    assertEquals(out, inventory().findById(tenant, out.id()).orElseThrow());
    assertEquals(in, inventory().findById(otherTenant, in.id()).orElseThrow());
    Document source = stored(tenant, out.id());
    assertEquals(in.id().toString(), source.get("destinationLegId"));
    assertEquals(2L, source.get("seq"));
    Document destination = stored(otherTenant, in.id());
    assertEquals(2L, destination.get("seq"));
    assertEquals(5L, destination.get("stockAfter"));
    for (String field : List.of("reservedFor", "sourceTenantId", "sourceItemId", "reservedAt")) {
      assertFalse(destination.containsKey(field), field + " is cleared on commit");
    }
    assertEquals(List.of(), raw.reservations());
  }

  @Test
  void aRefusedTransferWritesNothingInEitherTenant() {
    inventory().record(movement(tenant, "sku-1", 3, MovementType.RESTOCK, T0), false);
    inventory().record(movement(otherTenant, "sku-1", 1, MovementType.RESTOCK, T0.plusMillis(7)),
        false);
    List<Document> sourceBefore = raw.documents(tenant);
    List<Document> destinationBefore = raw.documents(otherTenant);

    UUID poor = UUID.randomUUID();
    assertEquals(OptionalLong.empty(), inventory().recordTransfer(
        leg(tenant, "sku-1", -4, poor, T0.plusMillis(1)),
        leg(otherTenant, "sku-1", 4, poor, T0.plusMillis(1)), false), "insufficient stock");
    UUID destinationTaken = UUID.randomUUID();
    assertThrows(ConflictException.class, () -> inventory().recordTransfer(
        leg(tenant, "sku-1", -1, destinationTaken, T0.plusMillis(7)),
        leg(otherTenant, "sku-1", 1, destinationTaken, T0.plusMillis(7)), false));
    UUID sourceTaken = UUID.randomUUID();
    assertThrows(ConflictException.class, () -> inventory().recordTransfer(
        leg(tenant, "sku-1", -1, sourceTaken, T0),
        leg(otherTenant, "sku-1", 1, sourceTaken, T0), false), "reserved, then released");

    assertEquals(sourceBefore, raw.documents(tenant));
    assertEquals(destinationBefore, raw.documents(otherTenant));
  }

  /**
   * Reservations and markers are kept out of every read: listings and their counts, lookups by
   * id, stock of one item and of many; they hold the destination timestamp while they exist.
   */
  @Test
  void reservationsAndMarkersAreNeverMovements() {
    inventory().record(movement(otherTenant, "sku-1", 2, MovementType.RESTOCK, T0), false);
    UUID transferId = UUID.randomUUID();
    Movement out = leg(tenant, "sku-1", -1, transferId, T0.plusMillis(1));
    Movement in = leg(otherTenant, "sku-1", 1, transferId, T0.plusMillis(1));
    raw.collection().insertOne(MongoInventoryDocuments.reservation(in, out, Instant.now()));
    raw.collection().insertOne(MongoInventoryDocuments.marker(UUID.randomUUID().toString(),
        otherTenant.value(), "sku-1", transferId.toString(), Instant.now()));

    assertEquals(3, raw.documents(otherTenant).size());
    assertEquals(1, inventory().find(otherTenant, MovementFilter.all(), PageRequest.FIRST).total());
    assertEquals(0, inventory().find(otherTenant, MovementFilter.all().withItemId("sku-1")
        .withType(MovementType.TRANSFER), PageRequest.FIRST).total());
    assertTrue(inventory().findById(otherTenant, in.id()).isEmpty());
    assertEquals(2, inventory().stockOf(otherTenant, "sku-1"));
    assertEquals(Map.of("sku-1", 2L), inventory().stockOf(otherTenant, List.of("sku-1")));
    assertThrows(ConflictException.class, () -> inventory().record(
        movement(otherTenant, "sku-1", 1, MovementType.RESTOCK, T0.plusMillis(1)), false),
        "the reserved timestamp is taken");
  }

  /** Recovery leaves a reservation younger than its age alone, and decides one that is older. */
  @Test
  void recoveryWaitsForTheAgeOfAReservation() {
    UUID transferId = UUID.randomUUID();
    Movement out = leg(tenant, "sku-1", -1, transferId, T0);
    Movement in = leg(otherTenant, "sku-1", 1, transferId, T0);
    raw.collection().insertOne(MongoInventoryDocuments.reservation(in, out, Instant.now()));

    MongoPersistence.builder(mongo.client(), DATABASE).transferRecoveryAge(Duration.ofHours(1))
        .build().inventory().recover();
    assertEquals(1, raw.documents(otherTenant).size(), "too young");

    inventory().recover();
    assertEquals(List.of(), raw.documents(otherTenant), "released");
    Document marker = raw.documents(tenant).get(0);
    assertEquals(out.id().toString(), marker.get("_id"));
    assertEquals(true, marker.get("abortedTransfer"));
    assertEquals("x:" + out.id(), marker.get("seq"));
    assertEquals(OptionalLong.of(1), inventory().record(
        movement(otherTenant, "sku-1", 1, MovementType.RESTOCK, T0), false), "the timestamp is free");
    assertThrows(IllegalArgumentException.class, () -> MongoPersistence
        .builder(mongo.client(), DATABASE).transferRecoveryAge(Duration.ofSeconds(-1)).build());
  }

  @Test
  void listingsAreNewestFirstThenByIdAsTextFilteredAndPaged() {
    List<Movement> recorded = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Two items per timestamp, so that the id decides between them.
      Instant at = T0.plusSeconds(i / 2);
      Movement movement = i % 3 == 0
          ? new Movement(UUID.randomUUID(), tenant, "sku-" + (i % 2), 3, MovementType.RESTOCK, at,
              "staff-2", null, null, null, T0)
          : movement(tenant, "sku-" + (i % 2), 3, MovementType.RESTOCK, at);
      inventory().record(movement, false);
      recorded.add(movement);
    }
    inventory().record(movement(otherTenant, "sku-0", 1, MovementType.RESTOCK, T0), false);
    List<Movement> newestFirst = recorded.stream().sorted(Comparator
        .comparing(Movement::timestamp).thenComparing(movement -> movement.id().toString())
        .reversed()).toList();

    assertEquals(newestFirst,
        inventory().find(tenant, MovementFilter.all(), PageRequest.of(0, 10)).items());
    Page<Movement> second = inventory().find(tenant, MovementFilter.all(), PageRequest.of(2, 2));
    assertEquals(newestFirst.subList(2, 4), second.items());
    assertEquals(6, second.total());
    assertEquals(newestFirst.stream().filter(m -> m.itemId().equals("sku-1")).toList(),
        inventory().find(tenant, MovementFilter.all().withItemId("sku-1"), PageRequest.FIRST)
            .items());
    assertEquals(newestFirst.stream().filter(m -> m.userId().equals("staff-2")).toList(),
        inventory().find(tenant, MovementFilter.all().withUserId("staff-2"), PageRequest.FIRST)
            .items());
    assertEquals(newestFirst.stream().filter(m -> !m.timestamp().isBefore(T0.plusSeconds(1))
            && m.timestamp().isBefore(T0.plusSeconds(2))).toList(),
        inventory().find(tenant, MovementFilter.all().between(T0.plusSeconds(1),
            T0.plusSeconds(2)), PageRequest.FIRST).items());
    assertEquals(0, inventory().find(tenant, MovementFilter.all().withType(MovementType.SALE),
        PageRequest.FIRST).total());
    assertEquals(0, inventory().find(tenant, MovementFilter.all(), PageRequest.of(6, 10))
        .items().size());
  }

  @Test
  void readsStayInsideTheTenant() {
    Movement movement = movement(tenant, "sku-1", 3, MovementType.RESTOCK, T0);
    inventory().record(movement, false);

    assertTrue(inventory().findById(otherTenant, movement.id()).isEmpty());
    assertEquals(0, inventory().stockOf(otherTenant, "sku-1"));
    assertEquals(Map.of("sku-1", 0L), inventory().stockOf(otherTenant, List.of("sku-1")));
    assertEquals(0, inventory().find(otherTenant, MovementFilter.all(), PageRequest.FIRST).total());
  }

  @Test
  void theStockOfManyItemsIsEachChainsHeadAndZeroWithoutMovements() {
    for (int i = 0; i < 5; i++) {
      inventory().record(movement(tenant, "sku-a", i + 1, MovementType.RESTOCK, T0.plusMillis(i)),
          false);
      inventory().record(movement(tenant, "sku-b", 10, MovementType.RESTOCK, T0.plusMillis(i)),
          false);
    }
    inventory().record(movement(tenant, "sku-b", -7, MovementType.SALE, T0.plusSeconds(1)), false);

    assertEquals(Map.of("sku-a", 15L, "sku-b", 43L, "sku-none", 0L),
        inventory().stockOf(tenant, List.of("sku-a", "sku-b", "sku-none")));
    assertEquals(Map.of(), inventory().stockOf(tenant, List.of()));
  }

  @Test
  void aStringTheServerWouldAlterIsRefusedBeforeAnyWriteOrComparison() {
    for (String bad : List.of("x\uD800", "a\u0000b")) {
      assertThrows(ValidationException.class, () -> inventory()
          .record(movement(tenant, bad, 1, MovementType.RESTOCK, T0), false));
      Movement withReason = new Movement(UUID.randomUUID(), tenant, "sku-1", 1,
          MovementType.MANUAL_ADJUSTMENT, T0, "staff-1", bad, null, null, T0);
      assertThrows(ValidationException.class, () -> inventory().record(withReason, false));
      UUID transferId = UUID.randomUUID();
      assertThrows(ValidationException.class, () -> inventory().recordTransfer(
          leg(tenant, "sku-1", -1, transferId, T0), leg(otherTenant, bad, 1, transferId, T0), true));
      assertThrows(ValidationException.class, () -> inventory().stockOf(tenant, bad));
      assertThrows(ValidationException.class,
          () -> inventory().stockOf(tenant, List.of("sku-1", bad)));
      assertThrows(ValidationException.class, () -> inventory().find(tenant,
          MovementFilter.all().withUserId(bad), PageRequest.FIRST));
    }
    assertEquals(List.of(), raw.documents(tenant));
    assertEquals(List.of(), raw.documents(otherTenant));
  }

  @Test
  void aStoredValueTheSdkCannotReadAndAClosedClientAreStorageFailures() {
    raw.collection().insertOne(new Document("_id", UUID.randomUUID().toString())
        .append("tenantId", tenant.value()).append("itemId", "sku-1").append("seq", 1L)
        .append("stockAfter", "many"));
    assertThrows(StorageException.class, () -> inventory().stockOf(tenant, "sku-1"));

    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoPersistence closing = MongoPersistence.create(client, DATABASE);
    client.close();
    StorageException closed = assertThrows(StorageException.class,
        () -> closing.inventory().stockOf(tenant, "sku-2"));
    assertEquals(IllegalStateException.class.getName(),
        ((DriverFailure) closed.getCause()).driverType());
    assertThrows(StorageException.class, () -> closing.inventory()
        .record(movement(tenant, "sku-2", 1, MovementType.RESTOCK, T0), false));
    assertThrows(StorageException.class, () -> closing.inventory().recover());
  }

  /**
   * The destination leg's commit fails after the source leg decided (here: the destination chain
   * cannot be read): the transfer is reported as made, since it is, and recovery commits the
   * destination leg once the chain is readable.
   */
  @Test
  void aFailureAfterTheCommitPointReportsTheTransferAndRecoveryFinishesIt() {
    inventory().record(movement(tenant, "sku-1", 5, MovementType.RESTOCK, T0), false);
    Document damaged = new Document("_id", UUID.randomUUID().toString())
        .append("tenantId", otherTenant.value()).append("itemId", "sku-1").append("seq", 1L);
    raw.collection().insertOne(damaged);
    UUID transferId = UUID.randomUUID();
    Movement in = leg(otherTenant, "sku-1", 2, transferId, T0.plusMillis(1));

    assertEquals(OptionalLong.of(3), inventory()
        .recordTransfer(leg(tenant, "sku-1", -2, transferId, T0.plusMillis(1)), in, false));
    assertEquals(1, raw.reservations().size(), "not committed yet");

    raw.collection().deleteOne(new Document("_id", damaged.get("_id")));
    inventory().recover();
    assertEquals(2, inventory().stockOf(otherTenant, "sku-1"));
    assertEquals(in, inventory().findById(otherTenant, in.id()).orElseThrow());
    assertEquals(List.of(), raw.reservations());
  }

  // ---- builders ----

  private static Movement movement(TenantId tenant, String itemId, long delta, MovementType type,
      Instant at) {
    return new Movement(UUID.randomUUID(), tenant, itemId, delta, type, at, "staff-1", null, null,
        null, T0);
  }

  private static Movement leg(TenantId tenant, String itemId, long delta, UUID transferId,
      Instant at) {
    return new Movement(UUID.randomUUID(), tenant, itemId, delta, MovementType.TRANSFER, at,
        "staff-1", null, null, transferId, T0);
  }

  private static Document stored(TenantId tenant, UUID id) {
    return raw.documents(tenant).stream().filter(d -> id.toString().equals(d.get("_id")))
        .findFirst().orElseThrow();
  }
}
