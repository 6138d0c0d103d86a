package io.ledgerkit.mongo;

import static io.ledgerkit.testkit.FeeDrafts.aFee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PageRequest;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeEvents;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.FakePaymentGateway;
import io.ledgerkit.testkit.SimulatedCrash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process "dies" between the writes of a fee change (the commit-point write of the fee
 * document, the copy of its event into the log, the pull of the pending event), for the insert and
 * every kind of transition; a new SDK built on the same store (which runs recovery) then finds
 * every change with its event exactly once, and a crash before the commit point leaves nothing.
 * Copies repeated by recovery, beside a writer or run twice, double nothing.
 */
class MongoFeeCrashTest {

  private static final String DATABASE = "ledgerkit_fee_crash";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static MongoFeeRawStore raw;

  private final FakePaymentGateway gateway = new FakePaymentGateway();
  private TenantId tenant;
  private Caller staff;
  private Caller owner;
  private Caller member;
  private Caller system;
  private FeeService fees;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.create(mongo.client(), DATABASE);
    raw = new MongoFeeRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @BeforeEach
  void setUp() {
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter).paymentGateway(gateway).build();
    tenant = new TenantId("tenant-" + UUID.randomUUID());
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    member = new Caller(tenant, "member-1", Set.of(Role.MEMBER));
    system = new Caller(tenant, "system", Set.of(Role.SYSTEM));
    fees = ledgerkit.fees();
  }

  @AfterEach
  void disarm() {
    adapter.feeRepository().afterWrite = null;
  }

  /** One kind of change: how to bring a fee to where it can happen, and the change itself. */
  enum Step {
    ASSESS(FeeEventType.ASSESSED),
    REASSESS(FeeEventType.ASSESSED),
    START_PAYMENT(FeeEventType.PAYMENT_ATTEMPT),
    FAILED_START(FeeEventType.PAYMENT_FAIL),
    PAYMENT_SUCCEEDED(FeeEventType.PAYMENT_SUCCESS),
    PAYMENT_FAILED(FeeEventType.PAYMENT_FAIL),
    MANUAL_PAYMENT(FeeEventType.PAYMENT_SUCCESS),
    WAIVE(FeeEventType.WAIVED),
    CANCEL(FeeEventType.CANCELED),
    NOTE(FeeEventType.NOTE),
    SOFT_DELETE(FeeEventType.CANCELED);

    final FeeEventType event;

    Step(FeeEventType event) {
      this.event = event;
    }
  }

  static Stream<Arguments> everyStepAndWrite() {
    return Stream.of(Step.values()).flatMap(step -> Stream.of(
        MongoFeeRepository.BEFORE_WRITES, MongoFeeRepository.COMMIT_WRITE,
        MongoFeeRepository.COPY_WRITE, MongoFeeRepository.PULL_WRITE)
        .map(write -> Arguments.of(step, write)));
  }

  @ParameterizedTest(name = "{0}, crash after write {1}")
  @MethodSource("everyStepAndWrite")
  void aCrashAnywhereInAChangeIsFinishedByTheNextStartOrLeavesNothing(Step step, int write) {
    FeeDraft draft = aFee();
    @Nullable Fee before = prepare(step, draft);
    List<List<Map<String, Object>>> stored = snapshot();

    crashAfter(write);
    assertThrows(SimulatedCrash.class, () -> act(step, draft, before));
    disarm();

    if (write == MongoFeeRepository.BEFORE_WRITES) {
      assertEquals(stored, snapshot(), "a crash before the commit point leaves nothing");
    }
    FeeService restarted = restart();
    assertNothingPending();
    Optional<Fee> found = restarted.findById(owner, before != null ? before.id()
        : restarted.list(owner, FeeFilter.all().withLoanId(draft.loanId()))
            .items().stream().map(Fee::id).findFirst().orElse(UUID.randomUUID()));
    if (write == MongoFeeRepository.BEFORE_WRITES) {
      assertEquals(Optional.ofNullable(before), found, "the fee is as before");
      if (before != null) {
        assertLogMatches(restarted, before);
      }
      return;
    }
    Fee after = found.orElseThrow(() -> new AssertionError("the committed change is lost"));
    assertEquals(before == null ? 1 : before.version() + 1, after.version(), "the change stays");
    List<FeeEvent> history = assertLogMatches(restarted, after);
    assertEquals(step.event, history.get(history.size() - 1).type(), "with its event");
    assertNothingPending();
  }

  @Test
  void aCrashDuringRecoveryIsFinishedByTheNextRecovery() {
    Fee fee = fees.assess(staff, aFee()).fee();
    crashAfter(MongoFeeRepository.COMMIT_WRITE);
    assertThrows(SimulatedCrash.class, () -> fees.waive(staff, fee.id(), null));
    disarm();

    for (int write : new int[] {MongoFeeRepository.COPY_WRITE, MongoFeeRepository.PULL_WRITE}) {
      MongoPersistence crashing = MongoPersistence.create(mongo.client(), DATABASE);
      crashing.feeRepository().afterWrite = crashAt(write);
      assertThrows(SimulatedCrash.class,
          () -> Ledgerkit.builder().persistence(crashing).build());
    }
    restart();
    assertNothingPending();
    assertLogMatches(fees, fees.findById(owner, fee.id()).orElseThrow());
  }

  /** Without a restart, reading a fee's log first finishes what a crash left pending for it. */
  @Test
  void aReadOfTheLogFinishesTheFeesPendingCopy() {
    Fee fee = fees.assess(staff, aFee()).fee();
    Fee other = fees.assess(staff, aFee()).fee();
    crashAfter(MongoFeeRepository.COMMIT_WRITE);
    assertThrows(SimulatedCrash.class, () -> fees.recordManualPayment(staff, fee.id(),
        ManualPaymentMethod.POS, null));
    assertThrows(SimulatedCrash.class, () -> fees.waive(staff, other.id(), null));
    disarm();

    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.PAYMENT_SUCCESS),
        fees.history(owner, fee.id()).stream().map(FeeEvent::type).toList());
    assertEquals(1, pendingOf(other.id()).size(), "only that fee's copy was finished");
    assertEquals(List.of(), pendingOf(fee.id()));
    assertLogMatches(fees, fees.findById(owner, fee.id()).orElseThrow());
    assertLogMatches(fees, fees.findById(owner, other.id()).orElseThrow());
  }

  @Test
  void recoveryRunTwiceDoublesNothing() {
    Fee fee = fees.assess(staff, aFee()).fee();
    crashAfter(MongoFeeRepository.COMMIT_WRITE);
    assertThrows(SimulatedCrash.class, () -> fees.cancel(staff, fee.id(), "crash"));
    disarm();

    adapter.fees().recover();
    adapter.fees().recover();
    restart();

    assertNothingPending();
    assertEquals(2, raw.eventDocuments(tenant).size());
    assertLogMatches(fees, fees.findById(owner, fee.id()).orElseThrow());
  }

  /**
   * Recovery, or a read of the log, runs on another instance between the writer's commit point
   * and its copy, or between its copy and its pull: the writer's own copy then meets the event
   * already copied (a duplicate key, a no-op) and its pull finds nothing to pull.
   */
  @Test
  void aCopyFinishedBesideTheWriterDoublesNothing() {
    MongoPersistence other = MongoPersistence.create(mongo.client(), DATABASE);
    for (int write : new int[] {MongoFeeRepository.COMMIT_WRITE, MongoFeeRepository.COPY_WRITE}) {
      Fee fee = fees.assess(staff, aFee()).fee();
      List<List<FeeEvent>> seen = new ArrayList<>();
      adapter.feeRepository().afterWrite = done -> {
        if (done == write) {
          other.fees().recover();
          seen.add(other.fees().events(tenant, fee.id()));
        }
      };
      Fee noted = fees.addNote(staff, fee.id(), "beside recovery");
      disarm();

      assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.NOTE),
          seen.get(0).stream().map(FeeEvent::type).toList(),
          "the log read between the writes is complete");
      assertNothingPending();
      assertLogMatches(fees, noted);
    }
    assertEquals(4, raw.eventDocuments(tenant).size());
  }

  /**
   * Writers change their fees while other threads run recovery and read the logs of the same
   * fees, all on separate adapter instances: every change has its event once.
   */
  @Test
  void recoveryAndReadsRacingWritersDoubleNothing() throws Exception {
    int writers = 3;
    int changes = 20;
    List<Fee> assessed = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      assessed.add(fees.assess(staff, aFee()).fee());
    }
    MongoPersistence recovering = MongoPersistence.create(mongo.client(), DATABASE);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Fee fee : assessed) {
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < changes; i++) {
            fees.addNote(staff, fee.id(), "change " + i);
          }
          return null;
        }));
      }
      Future<?> recovery = pool.submit(() -> {
        go.await();
        while (writing.get()) {
          recovering.fees().recover();
          for (Fee fee : assessed) {
            recovering.fees().events(tenant, fee.id());
          }
        }
        return null;
      });
      go.countDown();
      for (Future<?> writer : done) {
        writer.get(2, TimeUnit.MINUTES);
      }
      writing.set(false);
      recovery.get(2, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    restart();
    assertNothingPending();
    for (Fee fee : assessed) {
      Fee stored = fees.findById(owner, fee.id()).orElseThrow();
      assertEquals(1 + changes, stored.version());
      assertLogMatches(fees, stored);
    }
    assertEquals(writers * (1 + changes), raw.eventDocuments(tenant).size());
  }

  /** Brings a fee to where the step can happen; null for a fee still to be assessed. */
  private @Nullable Fee prepare(Step step, FeeDraft draft) {
    if (step == Step.ASSESS) {
      return null;
    }
    Fee fee = fees.assess(staff, draft).fee();
    if (step == Step.PAYMENT_SUCCEEDED || step == Step.PAYMENT_FAILED) {
      fee = fees.startPayment(member, fee.id()).fee();
    }
    if (step == Step.FAILED_START) {
      gateway.failNextStart("card_declined");
    }
    return fee;
  }

  private static String reference(@Nullable Fee fee) {
    String reference = fee == null ? null : fee.paymentReference();
    if (reference == null) {
      throw new IllegalStateException("a payment result needs a fee with a checkout");
    }
    return reference;
  }

  private void act(Step step, FeeDraft draft, @Nullable Fee fee) {
    UUID id = fee == null ? UUID.randomUUID() : fee.id();
    switch (step) {
      case ASSESS -> fees.assess(staff, draft);
      case REASSESS -> fees.assess(staff, draft.withAmount("9.00").withReason(FeeReason.LOST));
      case START_PAYMENT, FAILED_START -> fees.startPayment(member, id);
      case PAYMENT_SUCCEEDED -> fees.recordPaymentResult(system, id, PaymentResult.SUCCEEDED,
          reference(fee));
      case PAYMENT_FAILED -> fees.recordPaymentResult(system, id, PaymentResult.EXPIRED,
          reference(fee));
      case MANUAL_PAYMENT -> fees.recordManualPayment(staff, id, ManualPaymentMethod.CASH, null);
      case WAIVE -> fees.waive(staff, id, "waived");
      case CANCEL -> fees.cancel(staff, id, null);
      case NOTE -> fees.addNote(staff, id, "a note");
      case SOFT_DELETE -> fees.softDelete(owner, id);
    }
  }

  private void crashAfter(int write) {
    adapter.feeRepository().afterWrite = crashAt(write);
  }

  private static MongoFeeRepository.AfterWrite crashAt(int write) {
    return done -> {
      if (done == write) {
        throw new SimulatedCrash(write);
      }
    };
  }

  /** A new adapter and SDK on the same store, as after a restart: building it runs recovery. */
  private FeeService restart() {
    return Ledgerkit.builder().persistence(MongoPersistence.create(mongo.client(), DATABASE))
        .paymentGateway(gateway).build().fees();
  }

  private void assertNothingPending() {
    for (Document fee : raw.feeDocuments(tenant)) {
      assertEquals(List.of(), fee.getList(MongoFeeDocuments.PENDING, Document.class),
          "nothing pending in fee " + fee.get("_id"));
    }
  }

  /**
   * The fee's log, read through the SDK and raw, has one event per version (1 to the fee's
   * version, each once, no other), and replays to the fee's status.
   */
  private List<FeeEvent> assertLogMatches(FeeService service, Fee fee) {
    List<FeeEvent> history = service.history(owner, fee.id());
    assertEquals(LongStream.rangeClosed(1, fee.version()).boxed().toList(),
        history.stream().map(FeeEvent::feeVersion).toList(),
        "one event per change: none missing, none twice, none without its change");
    assertEquals(history.size(), history.stream().map(FeeEvent::id).distinct().count());
    assertEquals(fee.status(), FeeEvents.replay(history));
    assertEquals(fee.status(), history.get(history.size() - 1).toStatus());
    List<Document> stored = raw.eventDocuments(tenant).stream()
        .filter(event -> fee.id().toString().equals(event.get("feeId"))).toList();
    assertEquals(history.size(), stored.size(), "the log holds each event once");
    assertTrue(fees.list(owner, FeeFilter.all().includingInactive(), PageRequest.of(0, 100))
        .items().stream().anyMatch(listed -> listed.equals(fee)), "listed as it is");
    return history;
  }

  private List<Document> pendingOf(UUID feeId) {
    return raw.feeDocuments(tenant).stream().filter(fee -> feeId.toString().equals(fee.get("_id")))
        .findFirst().orElseThrow().getList(MongoFeeDocuments.PENDING, Document.class);
  }

  private List<List<Map<String, Object>>> snapshot() {
    return List.of(raw.fees(tenant), raw.events(tenant));
  }
}
