package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PageRequest;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.mongo.MongoInventoryRepository.Write;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.SimulatedCrash;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process "dies" after each write of a movement and of a transfer (a {@code SimulatedCrash}
 * from the repository's crash hook), and of recovery itself; a new SDK built on the same store
 * (which runs recovery) then finds each item's stock equal to the sum of its movements, each
 * transfer with both legs or neither, no movement lost or doubled, and nothing reserved; a repeated
 * or concurrent recovery changes nothing. Recoverers racing a live transfer, between its writes or
 * on other threads, never split it either.
 */
class MongoInventoryCrashTest {

  private static final String DATABASE = "ledgerkit_inventory_crash";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static MongoInventoryRawStore raw;

  private final Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
  private final AtomicInteger nextMillis = new AtomicInteger();
  private Caller source;
  private Caller destination;
  private InventoryService inventory;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = recovering();
    raw = new MongoInventoryRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  /** An adapter whose recovery decides every reservation, however young. */
  private static MongoPersistence recovering() {
    return MongoPersistence.builder(mongo.client(), DATABASE).transferRecoveryAge(Duration.ZERO)
        .build();
  }

  @BeforeEach
  void setUp() {
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter).build();
    source = register(ledgerkit, "store-a-");
    destination = new Caller(register(ledgerkit, "store-b-").tenant(), "staff-1",
        Set.of(Role.STAFF));
    inventory = ledgerkit.inventory();
    inventory.record(source, MovementDraft.of("sku-1", MovementType.RESTOCK, 10).at(next()));
    inventory.record(destination, MovementDraft.of("sku-1", MovementType.RESTOCK, 1).at(next()));
  }

  private static Caller register(Ledgerkit ledgerkit, String prefix) {
    TenantId tenant = new TenantId(prefix + UUID.randomUUID());
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    return new Caller(tenant, "staff-1", Set.of(Role.STAFF));
  }

  @AfterEach
  void disarm() {
    adapter.inventoryRepository().afterWrite = null;
  }

  /** An operation and how many writes it makes, in order. */
  enum Step {
    /** A sale: the append. */
    SALE(1),
    /** A transfer: the reservation, the source leg, the commit of the destination leg. */
    TRANSFER(3),
    /** A transfer refused at its source's timestamp: the reservation, its release. */
    TRANSFER_AT_TAKEN_SOURCE_TIME(2);

    final int writes;

    Step(int writes) {
      this.writes = writes;
    }
  }

  static Stream<Arguments> everyStepAndWrite() {
    return Stream.of(Step.values()).flatMap(step -> Stream.iterate(0, k -> k <= step.writes,
        k -> k + 1).map(k -> Arguments.of(step, k)));
  }

  @ParameterizedTest(name = "{0}, crash after write {1}")
  @MethodSource("everyStepAndWrite")
  void aCrashAfterAnyWriteEndsWithBothLegsOrNeitherOnceTheNextSdkStarts(Step step, int write) {
    Instant at = next();
    if (step == Step.TRANSFER_AT_TAKEN_SOURCE_TIME) {
      inventory.record(source, MovementDraft.of("sku-1", MovementType.SALE, -1).at(at));
    }
    int sourceMovements = movements(source).size();
    int destinationMovements = movements(destination).size();

    crashAfter(adapter, write);
    assertThrows(SimulatedCrash.class, () -> act(step, at));
    disarm();

    restart();
    boolean counted = switch (step) {
      case SALE -> write >= 1;
      case TRANSFER -> write >= 2;
      case TRANSFER_AT_TAKEN_SOURCE_TIME -> false;
    };
    assertWhole();
    int expected = counted ? 1 : 0;
    assertEquals(sourceMovements + expected, movements(source).size(), "no movement lost or doubled");
    assertEquals(destinationMovements + (step == Step.SALE ? 0 : expected),
        movements(destination).size());
    assertRecoveryAgainChangesNothing();
    assertStillUsable();
  }

  /** Recovery itself dies after each of its writes; the next recovery finishes the decision. */
  @ParameterizedTest(name = "source leg written: {0}")
  @MethodSource("bothWays")
  void aCrashDuringRecoveryIsFinishedByTheNextRecovery(boolean sourceWritten) {
    crashAfter(adapter, sourceWritten ? 2 : 1);
    assertThrows(SimulatedCrash.class, () -> act(Step.TRANSFER, next()));
    disarm();

    // Aborting writes a marker, then releases: a recovery dies after each; committing writes once.
    for (int round = 1; round <= (sourceWritten ? 1 : 2); round++) {
      MongoPersistence crashing = recovering();
      crashAfter(crashing, 1);
      assertThrows(SimulatedCrash.class, () -> Ledgerkit.builder().persistence(crashing).build());
    }
    restart();
    assertWhole();
    assertEquals(sourceWritten ? 1 : 0, transferLegs(source).size());
    assertRecoveryAgainChangesNothing();
  }

  static Stream<Boolean> bothWays() {
    return Stream.of(false, true);
  }

  /**
   * Recovery on another instance runs between the writer's reservation and its source leg (it
   * aborts the transfer: the writer's source leg meets the marker's id and the transfer fails
   * with a conflict, nothing counted), or between the source leg and the commit (it commits the
   * destination leg; the writer's own commit then matches nothing).
   */
  @Test
  void recoveryBetweenTheWritersWritesNeverSplitsATransfer() {
    MongoPersistence other = recovering();
    adapter.inventoryRepository().afterWrite = write -> {
      if (write == Write.RESERVE) {
        other.inventory().recover();
      }
    };
    ConflictException interrupted = assertThrows(ConflictException.class, () -> inventory
        .transfer(source, destination, TransferDraft.of("sku-1", 2).at(next())));
    assertTrue(interrupted.getMessage().contains("interrupted"), interrupted.getMessage());
    assertEquals(0, transferLegs(source).size());
    assertEquals(0, transferLegs(destination).size());
    assertEquals(List.of(), reservations());

    adapter.inventoryRepository().afterWrite = write -> {
      if (write == Write.APPEND) {
        other.inventory().recover();
        assertEquals(List.of(), reservations(), "committed by recovery");
      }
    };
    Transfer transfer = inventory.transfer(source, destination,
        TransferDraft.of("sku-1", 2).at(next()));
    disarm();

    assertEquals(List.of(transfer.out()), transferLegs(source));
    assertEquals(List.of(transfer.in()), transferLegs(destination));
    assertWhole();
    assertEquals(8, inventory.stockOnHand(source, "sku-1"));
    assertEquals(3, inventory.stockOnHand(destination, "sku-1"));
  }

  /**
   * Transfers run on one thread while three other instances recover in a loop: each transfer
   * either returns, with both legs, or fails with a conflict, with neither; nothing stays reserved
   * and every stock equals its sum.
   */
  @Test
  void concurrentRecoverersRacingLiveTransfersNeverSplitOne() throws Exception {
    int transfers = 40;
    List<MongoPersistence> recoverers = List.of(recovering(), recovering(), recovering());
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(1 + recoverers.size());
    List<Transfer> made = new ArrayList<>();
    int interrupted = 0;
    try {
      List<Future<Integer>> loops = new ArrayList<>();
      for (MongoPersistence recoverer : recoverers) {
        loops.add(pool.submit(() -> {
          go.await();
          int rounds = 0;
          while (running.get()) {
            recoverer.inventory().recover();
            rounds++;
          }
          return rounds;
        }));
      }
      Future<Integer> writer = pool.submit(() -> {
        go.await();
        int failed = 0;
        for (int i = 0; i < transfers; i++) {
          try {
            made.add(inventory.transfer(source, destination,
                TransferDraft.of("sku-1", 1).at(next()).withReason("transfer " + i)));
          } catch (ConflictException e) {
            failed++;
          }
        }
        return failed;
      });
      go.countDown();
      interrupted = writer.get(2, TimeUnit.MINUTES);
      running.set(false);
      for (Future<Integer> loop : loops) {
        assertTrue(loop.get(2, TimeUnit.MINUTES) > 0);
      }
    } finally {
      running.set(false);
      pool.shutdownNow();
    }

    restart();
    assertEquals(transfers, made.size() + interrupted);
    assertWhole();
    assertEquals(made.stream().map(Transfer::out).map(Movement::id).sorted().toList(),
        transferLegs(source).stream().map(Movement::id).sorted().toList());
    assertEquals(made.stream().map(Transfer::in).map(Movement::id).sorted().toList(),
        transferLegs(destination).stream().map(Movement::id).sorted().toList());
    assertEquals(10 - made.size(), inventory.stockOnHand(source, "sku-1"));
    assertEquals(1 + made.size(), inventory.stockOnHand(destination, "sku-1"));
    assertRecoveryAgainChangesNothing();
  }

  /** Recovery run twice, and by several instances at once, after a crash doubles nothing. */
  @Test
  void recoveryRunTwiceOrConcurrentlyDoublesNothing() throws Exception {
    crashAfter(adapter, 2);
    assertThrows(SimulatedCrash.class, () -> act(Step.TRANSFER, next()));
    crashAfter(adapter, 1);
    assertThrows(SimulatedCrash.class, () -> act(Step.TRANSFER, next()));
    disarm();

    List<MongoPersistence> recoverers = List.of(recovering(), recovering(), recovering(),
        recovering());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(recoverers.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (MongoPersistence recoverer : recoverers) {
        done.add(pool.submit(() -> {
          go.await();
          recoverer.inventory().recover();
          recoverer.inventory().recover();
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertWhole();
    assertEquals(1, transferLegs(source).size());
    assertEquals(1, transferLegs(destination).size());
    assertRecoveryAgainChangesNothing();
  }

  private void act(Step step, Instant at) {
    switch (step) {
      case SALE -> inventory.record(source, MovementDraft.of("sku-1", MovementType.SALE, -2).at(at));
      case TRANSFER, TRANSFER_AT_TAKEN_SOURCE_TIME -> inventory.transfer(source, destination,
          TransferDraft.of("sku-1", 3).at(at));
    }
  }

  /**
   * The process dies after the {@code k}-th write of the adapter's next calls (before any write
   * for 0).
   */
  private static void crashAfter(MongoPersistence target, int k) {
    AtomicInteger writes = new AtomicInteger();
    target.inventoryRepository().afterWrite = write -> {
      int made = write == Write.NONE ? writes.get() : writes.incrementAndGet();
      if (made == k && (k > 0 || write == Write.NONE)) {
        throw new SimulatedCrash(k);
      }
    };
  }

  /** A new adapter and SDK on the same store, as after a restart: building it runs recovery. */
  private void restart() {
    inventory = Ledgerkit.builder().persistence(recovering()).build().inventory();
  }

  private Instant next() {
    return base.plusMillis(nextMillis.incrementAndGet());
  }

  /**
   * Nothing reserved; in both stores the stock equals the sum of the movements, by the SDK, the
   * raw store and the chain; every transfer has both legs or neither.
   */
  private void assertWhole() {
    assertEquals(List.of(), reservations(), "nothing left reserved");
    for (Caller store : List.of(source, destination)) {
      long sum = movements(store).stream().mapToLong(Movement::quantityDelta).sum();
      assertEquals(sum, inventory.stockOnHand(store, "sku-1"), "stock is the sum of movements");
      assertEquals(sum, raw.sumOfMovements(store.tenant(), "sku-1"));
      List<Document> chain = raw.movementDocuments(store.tenant()).stream()
          .sorted((a, b) -> Long.compare(a.getLong("seq"), b.getLong("seq"))).toList();
      long stock = 0;
      for (int i = 0; i < chain.size(); i++) {
        stock += chain.get(i).getLong("quantityDelta");
        assertEquals(i + 1, chain.get(i).getLong("seq"), "the chain has no gap");
        assertEquals(stock, chain.get(i).getLong("stockAfter"));
      }
    }
    assertEquals(transferLegs(source).stream().map(Movement::transferId).sorted().toList(),
        transferLegs(destination).stream().map(Movement::transferId).sorted().toList(),
        "each transfer has both legs or neither");
    for (Movement out : transferLegs(source)) {
      Movement in = transferLegs(destination).stream()
          .filter(leg -> Objects.equals(leg.transferId(), out.transferId())).findFirst()
          .orElseThrow();
      assertEquals(-out.quantityDelta(), in.quantityDelta());
      assertEquals(out.timestamp(), in.timestamp());
    }
  }

  private void assertRecoveryAgainChangesNothing() {
    List<Document> before = snapshot();
    restart();
    recovering().inventory().recover();
    assertEquals(before, snapshot());
  }

  /** After recovery the item takes further movements and transfers as usual. */
  private void assertStillUsable() {
    long sourceStock = inventory.stockOnHand(source, "sku-1");
    long destinationStock = inventory.stockOnHand(destination, "sku-1");
    Transfer transfer = inventory.transfer(source, destination,
        TransferDraft.of("sku-1", 1).at(next()));
    assertEquals(sourceStock - 1, transfer.sourceStockOnHand());
    assertEquals(destinationStock + 1, inventory.stockOnHand(destination, "sku-1"));
    assertInstanceOf(Movement.class, inventory.findById(destination, transfer.in().id())
        .orElseThrow());
    assertWhole();
  }

  private List<Movement> movements(Caller store) {
    return inventory.list(store, MovementFilter.all(), PageRequest.of(0, 1_000)).items();
  }

  private List<Movement> transferLegs(Caller store) {
    return inventory.list(store, MovementFilter.all().withType(MovementType.TRANSFER),
        PageRequest.of(0, 1_000)).items();
  }

  private List<Document> reservations() {
    return raw.reservations().stream().filter(reservation ->
        reservation.get("tenantId").equals(destination.tenant().value())).toList();
  }

  private List<Document> snapshot() {
    List<Document> all = new ArrayList<>(raw.documents(source.tenant()));
    all.addAll(raw.documents(destination.tenant()));
    return all;
  }
}
