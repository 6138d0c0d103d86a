package io.ledgerkit.mongo;

import static io.ledgerkit.testkit.Races.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PageRequest;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory through the SDK on the in-process server, with real threads: no overselling under
 * concurrent sales, one winner per timestamp, and transfers that end with both legs or neither,
 * racing sales on the same item.
 */
class MongoInventoryServiceTest {

  private static final String DATABASE = "ledgerkit_inventory_service";

  private static InProcessMongo mongo;
  private static MongoInventoryRawStore raw;
  private static Ledgerkit ledgerkit;
  private static InventoryService inventory;

  /** Well in the past, so that every test's timestamps lie inside the future tolerance. */
  private final Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
  private Caller source;
  private Caller destination;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    MongoPersistence adapter = MongoPersistence.create(mongo.client(), DATABASE);
    ledgerkit = Ledgerkit.builder().persistence(adapter).build();
    inventory = ledgerkit.inventory();
    raw = new MongoInventoryRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void setUp() {
    source = register("store-a-");
    destination = new Caller(register("store-b-").tenant(), source.userId(), Set.of(Role.STAFF));
  }

  private static Caller register(String prefix) {
    TenantId tenant = new TenantId(prefix + UUID.randomUUID());
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    return new Caller(tenant, "staff-1", Set.of(Role.STAFF));
  }

  /**
   * 1,000 in stock, 8 threads selling 1 each 250 times: exactly 1,000 sales are recorded, the
   * other 1,000 are refused, and the stock ends at 0, equal to the sum of the movements.
   */
  @Test
  void concurrentSalesNeverOversell() throws Exception {
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 1_000).at(base));
    int threads = 8;
    int sales = 250;

    List<int[]> outcomes = race(threads, thread -> {
      int[] counts = new int[2];
      for (int i = 0; i < sales; i++) {
        Instant at = base.plusMillis(1 + (long) thread * sales + i);
        try {
          inventory.record(source, MovementDraft.of("sku-1", MovementType.SALE, -1).at(at));
          counts[0]++;
        } catch (InsufficientStockException refused) {
          counts[1]++;
        }
      }
      return counts;
    });

    assertEquals(1_000, outcomes.stream().mapToInt(counts -> counts[0]).sum(), "recorded");
    assertEquals(1_000, outcomes.stream().mapToInt(counts -> counts[1]).sum(), "refused");
    assertEquals(0, inventory.stockOnHand(source, "sku-1"));
    assertEquals(0, raw.sumOfMovements(source.tenant(), "sku-1"));
    assertEquals(1_000, inventory.list(source, MovementFilter.all().withType(MovementType.SALE))
        .total());
    assertChainIsWhole(source.tenant(), "sku-1");
  }

  /** Writers of one item at one timestamp: exactly one wins, the others change nothing. */
  @Test
  void concurrentWritersOfOneTimestampHaveOneWinner() throws Exception {
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 10).at(base));
    Instant at = base.plusSeconds(1);

    List<String> outcomes = race(8, thread -> {
      try {
        inventory.record(source, MovementDraft.of("sku-1",
            thread % 2 == 0 ? MovementType.RESTOCK : MovementType.SALE, thread % 2 == 0 ? 5 : -5)
            .at(at));
        return "won";
      } catch (InsufficientStockException unexpected) {
        return "insufficient";
      } catch (ConflictException lost) {
        return "lost";
      }
    });

    assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
    assertEquals(7, outcomes.stream().filter("lost"::equals).count(), outcomes.toString());
    List<Movement> atThatTime = inventory.list(source, MovementFilter.all()
        .between(at, at.plusMillis(1))).items();
    assertEquals(1, atThatTime.size());
    assertEquals(10 + atThatTime.get(0).quantityDelta(), inventory.stockOnHand(source, "sku-1"));
    assertEquals(inventory.stockOnHand(source, "sku-1"), raw.sumOfMovements(source.tenant(), "sku-1"));
  }

  @Test
  void aTransferRecordsBothLegsWithOneTransferId() {
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 10).at(base));

    Transfer transfer = inventory.transfer(source, destination,
        TransferDraft.of("sku-1", 4).toItem("sku-b").at(base.plusSeconds(1)));

    assertEquals(6, transfer.sourceStockOnHand());
    assertEquals(6, inventory.stockOnHand(source, "sku-1"));
    assertEquals(4, inventory.stockOnHand(destination, "sku-b"));
    assertEquals(List.of(transfer.out()), inventory.list(source, MovementFilter.all()
        .withType(MovementType.TRANSFER)).items());
    assertEquals(List.of(transfer.in()), inventory.list(destination, MovementFilter.all()).items());
    assertEquals(transfer.transferId(), transfer.in().transferId());
  }

  /**
   * A transfer refused for its destination's timestamp, its source's timestamp or the source's
   * stock writes nothing in either store.
   */
  @Test
  void aRefusedTransferWritesNothingInEitherStore() {
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 3).at(base));
    inventory.record(destination, MovementDraft.of("sku-1", MovementType.RESTOCK, 1)
        .at(base.plusSeconds(1)));
    List<Document> sourceBefore = raw.documents(source.tenant());
    List<Document> destinationBefore = raw.documents(destination.tenant());

    ConflictException destinationTaken = assertThrows(ConflictException.class, () -> inventory
        .transfer(source, destination, TransferDraft.of("sku-1", 1).at(base.plusSeconds(1))));
    assertEquals(destination.tenant(), destinationTaken.tenant());
    ConflictException sourceTaken = assertThrows(ConflictException.class, () -> inventory
        .transfer(source, destination, TransferDraft.of("sku-1", 1).at(base)));
    assertEquals(source.tenant(), sourceTaken.tenant());
    assertInstanceOf(InsufficientStockException.class, assertThrows(ConflictException.class,
        () -> inventory.transfer(source, destination,
            TransferDraft.of("sku-1", 4).at(base.plusSeconds(2)))));

    assertEquals(sourceBefore, raw.documents(source.tenant()));
    assertEquals(destinationBefore, raw.documents(destination.tenant()));
    assertEquals(List.of(), raw.reservations());
  }

  /**
   * Transfers and sales race on the same source item (and transfers on the same destination
   * item): every transfer that returned has both legs, every refused one neither, and both stocks
   * equal their sums.
   */
  @Test
  void transfersRacingSalesEndWithBothLegsOrNeither() throws Exception {
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 60).at(base));
    int threads = 6;
    int rounds = 20;

    List<int[]> outcomes = race(threads, thread -> {
      int[] counts = new int[2];
      for (int i = 0; i < rounds; i++) {
        Instant at = base.plusMillis(1 + (long) thread * rounds + i);
        try {
          if (thread % 2 == 0) {
            inventory.transfer(source, destination, TransferDraft.of("sku-1", 1).at(at));
          } else {
            inventory.record(source, MovementDraft.of("sku-1", MovementType.SALE, -1).at(at));
          }
          counts[0]++;
        } catch (InsufficientStockException refused) {
          counts[1]++;
        }
      }
      return counts;
    });

    int transferred = 0;
    for (int thread = 0; thread < threads; thread += 2) {
      transferred += outcomes.get(thread)[0];
    }
    assertEquals(60, outcomes.stream().mapToInt(counts -> counts[0]).sum());
    assertEquals(0, inventory.stockOnHand(source, "sku-1"));
    assertEquals(transferred, inventory.stockOnHand(destination, "sku-1"));
    assertEquals(0, raw.sumOfMovements(source.tenant(), "sku-1"));
    assertEquals(transferred, raw.sumOfMovements(destination.tenant(), "sku-1"));
    List<Movement> outs = inventory.list(source, MovementFilter.all()
        .withType(MovementType.TRANSFER), PageRequest.of(0, 1_000)).items();
    List<Movement> ins = inventory.list(destination, MovementFilter.all(),
        PageRequest.of(0, 1_000)).items();
    assertEquals(transferred, outs.size());
    assertEquals(outs.stream().map(Movement::transferId).sorted().toList(),
        ins.stream().map(Movement::transferId).sorted().toList(), "each transfer has both legs");
    assertEquals(List.of(), raw.reservations());
    assertChainIsWhole(source.tenant(), "sku-1");
    assertChainIsWhole(destination.tenant(), "sku-1");
    assertEquals(Map.of("sku-1", (long) transferred),
        inventory.stockOnHand(destination, List.of("sku-1")));
  }

  /** The item's chain is 1, 2, 3, ... without a gap, each link's stock its predecessor's plus it. */
  private static void assertChainIsWhole(TenantId tenant, String itemId) {
    List<Document> chain = raw.movementDocuments(tenant).stream()
        .filter(document -> itemId.equals(document.get("itemId")))
        .sorted((a, b) -> Long.compare(a.getLong("seq"), b.getLong("seq"))).toList();
    long stock = 0;
    for (int i = 0; i < chain.size(); i++) {
      Document link = chain.get(i);
      stock += link.getLong("quantityDelta");
      assertEquals(i + 1, link.getLong("seq"));
      assertEquals(stock, link.getLong("stockAfter"), "link " + (i + 1));
    }
    assertTrue(chain.size() > 0);
  }
}
