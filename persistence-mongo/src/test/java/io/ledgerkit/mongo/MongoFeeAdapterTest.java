package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.ledgerkit.ConflictException;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PageRequest;
import io.ledgerkit.StorageException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventDetails;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.FeeTransition;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.Serialization;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What the MongoDB fee repository adds to the contract: the stored layout and indexes, the loan
 * key, exact decimals, tenant scoping at the repository, refused strings, error mapping, a store
 * damaged by hand, and the records of processed provider notifications.
 */
class MongoFeeAdapterTest {

  private static final String DATABASE = "ledgerkit_fee_adapter";
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static MongoFeeRawStore raw;

  private final TenantId tenant = new TenantId("tenant-" + UUID.randomUUID());
  private final TenantId otherTenant = new TenantId("tenant-" + UUID.randomUUID());

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

  private static FeeRepository fees() {
    return adapter.fees();
  }

  @Test
  void indexesAreTenantFirstButTheRecoveryScanAndCreatingThemAgainIsFine() {
    assertNotNull(MongoPersistence.create(mongo.client(), DATABASE).fees());

    Map<String, Document> feeIndexes = new HashMap<>();
    raw.feeCollection().listIndexes().forEach(index -> feeIndexes.put(index.getString("name"), index));
    assertEquals(Set.of("_id_", MongoFeeRepository.LOAN_INDEX, MongoFeeRepository.CREATED_INDEX,
        MongoFeeRepository.USER_INDEX, MongoFeeRepository.STATUS_INDEX,
        MongoFeeRepository.PENDING_INDEX), feeIndexes.keySet());
    Document loan = feeIndexes.get(MongoFeeRepository.LOAN_INDEX);
    assertEquals(new Document("tenantId", 1).append("userId", 1).append("loanKey", 1),
        loan.get("key", Document.class));
    assertTrue(loan.getBoolean("unique", false));
    assertEquals(new Document("pendingEvents._id", 1),
        feeIndexes.get(MongoFeeRepository.PENDING_INDEX).get("key", Document.class));

    Map<String, Document> eventIndexes = new HashMap<>();
    raw.eventCollection().listIndexes()
        .forEach(index -> eventIndexes.put(index.getString("name"), index));
    assertEquals(Set.of("_id_", MongoFeeRepository.EVENT_VERSION_INDEX), eventIndexes.keySet());
    Document version = eventIndexes.get(MongoFeeRepository.EVENT_VERSION_INDEX);
    assertEquals(new Document("tenantId", 1).append("feeId", 1).append("feeVersion", 1),
        version.get("key", Document.class));
    assertTrue(version.getBoolean("unique", false));

    Map<String, Document> processedIndexes = new HashMap<>();
    raw.processedEventCollection().listIndexes()
        .forEach(index -> processedIndexes.put(index.getString("name"), index));
    assertEquals(Set.of("_id_", MongoFeeRepository.PROCESSED_EVENT_INDEX),
        processedIndexes.keySet());
    Document processed = processedIndexes.get(MongoFeeRepository.PROCESSED_EVENT_INDEX);
    assertEquals(new Document("tenantId", 1).append("source", 1).append("eventId", 1),
        processed.get("key", Document.class));
    assertTrue(processed.getBoolean("unique", false));

    feeIndexes.forEach((name, index) -> {
      if (!name.equals("_id_") && !name.equals(MongoFeeRepository.PENDING_INDEX)) {
        assertEquals("tenantId", index.get("key", Document.class).keySet().iterator().next(), name);
      }
    });
  }

  @Test
  void storedLayoutUsesTheSeedNamesEnumIndexesAndExactDecimals() {
    Fee fee = fee(tenant, "loan-1", "2.50");
    assertTrue(fees().insert(fee, assessed(fee)));

    Document stored = raw.feeDocuments(tenant).get(0);
    assertEquals(List.of("_id", "tenantId", "userId", "loanId", "loanKey", "amount", "currency",
        "status", "statusIdx", "statusUpdateDate", "reason", "reasonIdx", "note",
        "paymentAttempts", "isActive", "createdAt", "updatedAt", "version", "pendingEvents"),
        List.copyOf(stored.keySet()), "no field stored as null (paymentReference is absent)");
    assertEquals(fee.id().toString(), stored.get("_id"));
    assertEquals("loan:loan-1", stored.get("loanKey"));
    assertEquals(new Decimal128(new BigDecimal("2.50")), stored.get("amount"));
    assertEquals("2.50", stored.get("amount", Decimal128.class).bigDecimalValue().toPlainString());
    assertEquals("unpaid", stored.get("status"));
    assertEquals(0, stored.get("statusIdx"));
    assertEquals("overdue", stored.get("reason"));
    assertEquals(0, stored.get("reasonIdx"));
    assertInstanceOf(Date.class, stored.get("statusUpdateDate"));
    assertEquals(1L, stored.get("version"));
    assertEquals(List.of(), stored.get("pendingEvents"));

    Document event = raw.eventDocuments(tenant).get(0);
    assertEquals(List.of("_id", "tenantId", "feeId", "feeVersion", "eventType", "eventTypeIdx",
        "eventDate", "actorUserId", "note", "fromStatus", "fromStatusIdx", "toStatus",
        "toStatusIdx", "details"), List.copyOf(event.keySet()));
    assertEquals("assessed", event.get("eventType"));
    assertEquals(0, event.get("eventTypeIdx"));
    assertEquals(1L, event.get("feeVersion"));
    assertEquals(new Document("amount", new Decimal128(new BigDecimal("2.50")))
        .append("reason", "overdue"), event.get("details"));

    assertEquals(fee, fees().findById(tenant, fee.id()).orElseThrow());
    assertEquals(List.of(assessed(fee)), fees().events(tenant, fee.id()));
  }

  @Test
  void everyDetailAndEveryCurrencysDecimalsRoundTrip() {
    for (String[] amount : new String[][] {{"JPY", "1000"}, {"KWD", "1.250"}, {"USD", "0.10"},
        {"CLF", "0.0001"}, {"USD", "999999999999999.99"}}) {
      Fee fee = new Fee(UUID.randomUUID(), tenant, "member-1", null, new BigDecimal(amount[1]),
          Currency.getInstance(amount[0]), FeeStatus.UNPAID, T0, FeeReason.MANUAL, null, 0, null,
          true, T0, T0, 1);
      assertTrue(fees().insert(fee, assessed(fee)));
      Fee read = fees().findById(tenant, fee.id()).orElseThrow();
      assertEquals(amount[1], read.amount().toPlainString());
      assertEquals(fee, read);
    }
    Fee fee = fee(tenant, "loan-details", "3.00");
    fees().insert(fee, assessed(fee));
    FeeEventDetails every = new FeeEventDetails(new BigDecimal("3.00"), new BigDecimal("2.50"),
        FeeReason.DAMAGE, 2, "cs_1", "https://checkout.example/cs_1", PaymentResult.CANCELED,
        "canceled->unpaid", ManualPaymentMethod.POS, "card_declined");
    Fee next = moved(fee, FeeStatus.PAYMENT_IN_PROGRESS);
    FeeEvent event = new FeeEvent(UUID.randomUUID(), tenant, fee.id(), 2,
        FeeEventType.PAYMENT_ATTEMPT, T1, "member-1", null, FeeStatus.UNPAID,
        FeeStatus.PAYMENT_IN_PROGRESS, every);
    assertTrue(fees().applyTransition(new FeeTransition(next, 1, event)));

    assertEquals(List.of(assessed(fee), event), fees().events(tenant, fee.id()));
    Document details = raw.eventDocuments(tenant).stream()
        .filter(stored -> stored.get("_id").equals(event.id().toString())).findFirst()
        .orElseThrow().get("details", Document.class);
    assertEquals(List.of("amount", "previousAmount", "reason", "paymentAttempt",
        "paymentReference", "paymentUrl", "paymentResult", "resultMapping", "manualMethod",
        "error"), List.copyOf(details.keySet()), "the component names of FeeEventDetails");
    assertEquals("canceled", details.get("paymentResult"));
    assertEquals("pos", details.get("manualMethod"));
  }

  @Test
  void oneFeePerUserAndLoanWhileFeesWithoutLoanNeverCollide() {
    Fee first = fee(tenant, "loan-1", "2.50");
    assertTrue(fees().insert(first, assessed(first)));
    List<Map<String, Object>> fees = raw.fees(tenant);
    List<Map<String, Object>> events = raw.events(tenant);

    Fee sameLoan = fee(tenant, "loan-1", "4.00");
    assertFalse(fees().insert(sameLoan, assessed(sameLoan)), "the loan is taken");
    assertEquals(fees, raw.fees(tenant), "nothing stored");
    assertEquals(events, raw.events(tenant));

    Fee otherUser = withUser(fee(tenant, "loan-1", "2.50"), "member-2");
    assertTrue(fees().insert(otherUser, assessed(otherUser)));
    Fee otherTenantsFee = fee(otherTenant, "loan-1", "2.50");
    assertTrue(fees().insert(otherTenantsFee, assessed(otherTenantsFee)));
    for (int i = 0; i < 3; i++) {
      Fee noLoan = fee(tenant, null, "1.00");
      assertTrue(fees().insert(noLoan, assessed(noLoan)));
      assertEquals("none:" + noLoan.id(), raw.feeDocuments(tenant).stream()
          .filter(stored -> stored.get("_id").equals(noLoan.id().toString())).findFirst()
          .orElseThrow().get("loanKey"));
      // A loan id spelled like the key of a fee without loan is just another loan.
      Fee lookalike = fee(tenant, "none:" + noLoan.id(), "1.00");
      assertTrue(fees().insert(lookalike, assessed(lookalike)));
      assertEquals(lookalike, fees().findByLoan(tenant, "member-1", "none:" + noLoan.id())
          .orElseThrow());
    }
    assertEquals(first, fees().findByLoan(tenant, "member-1", "loan-1").orElseThrow());
    assertTrue(fees().findByLoan(otherTenant, "member-2", "loan-1").isEmpty());
  }

  @Test
  void aTakenIdIsAConflictThatWritesNothingAndSerializesWithoutStoredValues() {
    Fee taken = fee(tenant, "loan-secret-1", "2.50");
    fees().insert(taken, assessed(taken));
    List<List<Map<String, Object>>> before = List.of(raw.fees(tenant), raw.events(tenant),
        raw.fees(otherTenant), raw.events(otherTenant));
    Fee sameId = new Fee(taken.id(), tenant, "member-secret", "loan-secret-2",
        new BigDecimal("7.00"), Currency.getInstance("USD"), FeeStatus.UNPAID, T0, FeeReason.LOST,
        "secret note", 0, null, true, T0, T0, 1);
    Fee sameIdElsewhere = new Fee(taken.id(), otherTenant, "member-secret", null,
        new BigDecimal("7.00"), Currency.getInstance("USD"), FeeStatus.UNPAID, T0, FeeReason.LOST,
        "secret note", 0, null, true, T0, T0, 1);

    for (Fee conflicting : List.of(sameId, sameIdElsewhere)) {
      ConflictException conflict = assertThrows(ConflictException.class,
          () -> fees().insert(conflicting, assessed(conflicting)));
      assertEquals(taken.id(), conflict.id());
      assertEquals(MongoWriteException.class.getName(),
          assertInstanceOf(DriverFailure.class, conflict.getCause()).driverType());
      String everything = Serialization.everythingShownBy(conflict);
      for (String secret : List.of("member-secret", "loan-secret", "secret note", "member-1")) {
        assertFalse(everything.contains(secret), "the conflict carries " + secret);
      }
    }
    assertEquals(before, List.of(raw.fees(tenant), raw.events(tenant), raw.fees(otherTenant),
        raw.events(otherTenant)));
  }

  @Test
  void aTransitionAppliesOnlyAtTheExpectedVersionInTheFeesTenantAndKeepsTheConstants() {
    Fee fee = fee(tenant, "loan-1", "2.50");
    fees().insert(fee, assessed(fee));
    List<Map<String, Object>> before = raw.fees(tenant);
    Fee waived = moved(fee, FeeStatus.WAIVED);

    assertFalse(fees().applyTransition(transition(moved(waived, FeeStatus.WAIVED), 2)),
        "not at version 2");
    Fee elsewhere = new Fee(fee.id(), otherTenant, fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), FeeStatus.WAIVED, T1, fee.reason(), null, 0, null, true, T0, T1, 2);
    assertFalse(fees().applyTransition(transition(elsewhere, 1)), "not in that tenant");
    Fee missing = moved(fee(tenant, "loan-2", "2.50"), FeeStatus.WAIVED);
    assertFalse(fees().applyTransition(transition(missing, 1)), "no such fee");
    assertEquals(before, raw.fees(tenant), "nothing written");
    assertEquals(1, raw.eventDocuments(tenant).size());
    assertEquals(0, raw.eventDocuments(otherTenant).size());

    Fee reshaped = new Fee(fee.id(), tenant, "member-9", "loan-9", new BigDecimal("3.00"),
        Currency.getInstance("EUR"), FeeStatus.WAIVED, T1, FeeReason.LOST, "n", 2, "cs_2", false,
        T1, T1, 2);
    assertTrue(fees().applyTransition(transition(reshaped, 1)));
    Fee stored = fees().findById(tenant, fee.id()).orElseThrow();
    assertEquals(List.of(fee.userId(), fee.loanId(), fee.currency(), fee.createdAt()),
        List.of(stored.userId(), stored.loanId(), stored.currency(), stored.createdAt()),
        "never set by a transition");
    assertEquals(new Fee(fee.id(), tenant, fee.userId(), fee.loanId(), new BigDecimal("3.00"),
        fee.currency(), FeeStatus.WAIVED, T1, FeeReason.LOST, "n", 2, "cs_2", false, fee.createdAt(),
        T1, 2), stored, "everything else is");
    assertEquals("loan:loan-1", raw.feeDocuments(tenant).get(0).get("loanKey"));
    assertTrue(fees().events(otherTenant, fee.id()).isEmpty(), "the log is the tenant's");
    assertTrue(fees().findById(otherTenant, fee.id()).isEmpty());
  }

  @Test
  void amountBoundsMatchExactlyEvenWhereNoDecimal128HoldsThem() {
    Fee cheap = fee(tenant, "loan-1", "2.50");
    Fee dear = fee(tenant, "loan-2", "999999999999999.99");
    fees().insert(cheap, assessed(cheap));
    fees().insert(dear, assessed(dear));
    Function<FeeFilter, List<UUID>> ids = filter -> fees().find(tenant, filter, PageRequest.FIRST)
        .items().stream().map(Fee::id).toList();
    BigDecimal huge = new BigDecimal("1E+400");
    BigDecimal justBelow = new BigDecimal("2.4999999999999999999999999999999999999999");
    BigDecimal justAbove = new BigDecimal("2.5000000000000000000000000000000000000001");

    assertEquals(List.of(), ids.apply(FeeFilter.all().withAmountBetween(huge, null)));
    assertEquals(Set.of(dear.id(), cheap.id()),
        Set.copyOf(ids.apply(FeeFilter.all().withAmountBetween(null, huge))));
    assertEquals(Set.of(dear.id(), cheap.id()),
        Set.copyOf(ids.apply(FeeFilter.all().withAmountBetween(justBelow, null))));
    assertEquals(List.of(dear.id()), ids.apply(FeeFilter.all().withAmountBetween(justAbove, null)));
    assertEquals(List.of(cheap.id()), ids.apply(FeeFilter.all().withAmountBetween(null, justAbove)));
    assertEquals(List.of(), ids.apply(FeeFilter.all().withAmountBetween(null, justBelow)));
    assertEquals(List.of(cheap.id()), ids.apply(FeeFilter.all()
        .withAmountBetween(new BigDecimal("2.5"), new BigDecimal("2.500"))));
    assertEquals(List.of(), ids.apply(FeeFilter.all()
        .withAmountBetween(null, new BigDecimal("1E-400"))));
  }

  @Test
  void aStringTheServerWouldAlterIsRefusedBeforeAnyWriteOrComparison() {
    Fee stored = fee(tenant, "loan-1", "2.50");
    fees().insert(stored, assessed(stored));
    List<List<Map<String, Object>>> before = List.of(raw.fees(tenant), raw.events(tenant));
    for (String bad : List.of("x\uD800", "\uDFFFx", "a\u0000b")) {
      Fee badUser = withUser(fee(tenant, "loan-2", "1.00"), bad);
      Fee badLoan = fee(tenant, bad, "1.00");
      Fee badNote = withNote(fee(tenant, "loan-3", "1.00"), bad);
      Fee good = fee(tenant, "loan-4", "1.00");
      FeeEvent goodEvent = assessed(good);
      List<Executable> refused = List.of(
          () -> fees().insert(badUser, assessed(badUser)),
          () -> fees().insert(badLoan, assessed(badLoan)),
          () -> fees().insert(badNote, assessed(badNote)),
          () -> fees().insert(good, withActor(goodEvent, bad)),
          () -> fees().insert(good, withEventNote(goodEvent, bad)),
          () -> fees().insert(good, withDetails(goodEvent, new FeeEventDetails(null, null, null,
              1, bad, null, null, null, null, null))),
          () -> fees().insert(good, withDetails(goodEvent, new FeeEventDetails(null, null, null,
              1, null, bad, null, null, null, null))),
          () -> fees().insert(good, withDetails(goodEvent, new FeeEventDetails(null, null, null,
              1, null, null, null, bad, null, null))),
          () -> fees().insert(good, withDetails(goodEvent, new FeeEventDetails(null, null, null,
              1, null, null, null, null, null, bad))),
          () -> fees().applyTransition(transition(withNote(moved(stored, FeeStatus.WAIVED), bad), 1)),
          () -> fees().findByLoan(tenant, "member-1", bad),
          () -> fees().findByLoan(tenant, bad, "loan-1"),
          () -> fees().find(tenant, FeeFilter.all().withUserId(bad), PageRequest.FIRST),
          () -> fees().find(tenant, FeeFilter.all().withLoanId(bad), PageRequest.FIRST));
      for (Executable call : refused) {
        assertThrows(ValidationException.class, call);
      }
    }
    assertEquals(before, List.of(raw.fees(tenant), raw.events(tenant)));
  }

  @Test
  void aStoredValueTheSdkCannotReadAndAClosedClientAreStorageFailures() {
    Fee fee = fee(tenant, "loan-1", "2.50");
    fees().insert(fee, assessed(fee));
    raw.feeCollection().updateOne(Filters.eq("_id", fee.id().toString()),
        Updates.set("status", "refunded"));
    StorageException unknown =
        assertThrows(StorageException.class, () -> fees().findById(tenant, fee.id()));
    assertEquals(IllegalStateException.class.getName(),
        assertInstanceOf(DriverFailure.class, unknown.getCause()).driverType());

    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoPersistence closing = MongoPersistence.create(client, DATABASE);
    client.close();
    Fee other = fee(tenant, "loan-2", "2.50");
    for (Executable call : List.<Executable>of(
        () -> closing.fees().insert(other, assessed(other)),
        () -> closing.fees().findById(tenant, fee.id()),
        () -> closing.fees().events(tenant, fee.id()),
        () -> closing.fees().applyTransition(transition(moved(other, FeeStatus.WAIVED), 1)),
        () -> closing.fees().recover(),
        () -> closing.fees().recordProcessedEvent(
            processed(tenant, "stripe", "evt_closed", PaymentEventOutcome.APPLIED)),
        () -> closing.fees().findProcessedEvent(tenant, "stripe", "evt_closed"))) {
      StorageException failure = assertThrows(StorageException.class, call);
      assertEquals(IllegalStateException.class.getName(),
          assertInstanceOf(DriverFailure.class, failure.getCause()).driverType());
    }
  }

  /**
   * A failure after the commit point (here of the pull) does not undo the change: the call
   * reports it as made, and recovery finishes what is left.
   */
  @Test
  void aFailureAfterTheCommitPointReportsTheChangeAndRecoveryFinishesIt() {
    MongoPersistence failing = MongoPersistence.create(mongo.client(), DATABASE);
    failing.feeRepository().afterWrite = write -> {
      if (write == MongoFeeRepository.COPY_WRITE) {
        throw new IllegalStateException("connection lost");
      }
    };
    Fee fee = fee(tenant, "loan-1", "2.50");
    assertTrue(failing.fees().insert(fee, assessed(fee)));
    Fee waived = moved(fee, FeeStatus.WAIVED);
    assertTrue(failing.fees().applyTransition(transition(waived, 1)));
    assertEquals(2, raw.feeDocuments(tenant).get(0).getList("pendingEvents", Document.class).size());

    fees().recover();
    assertEquals(List.of(), raw.feeDocuments(tenant).get(0).get("pendingEvents"));
    assertEquals(2, raw.eventDocuments(tenant).size());
    assertEquals(waived, fees().findById(tenant, fee.id()).orElseThrow());
  }

  /**
   * A log changed by hand so that another event holds a pending event's version: recovery keeps
   * that event pending and goes on with the other fees (the SDK still starts); reading that fee's
   * log fails rather than giving a log without the change.
   */
  @Test
  void aPendingEventWhoseVersionIsTakenStaysPendingWithoutStoppingRecovery() {
    Fee damaged = fee(tenant, "loan-1", "2.50");
    Fee healthy = fee(tenant, "loan-2", "2.50");
    MongoPersistence crashing = MongoPersistence.create(mongo.client(), DATABASE);
    for (Fee fee : List.of(damaged, healthy)) {
      fees().insert(fee, assessed(fee));
      crashing.feeRepository().afterWrite = write -> {
        if (write == MongoFeeRepository.COMMIT_WRITE) {
          throw new io.ledgerkit.testkit.SimulatedCrash(write);
        }
      };
      assertThrows(io.ledgerkit.testkit.SimulatedCrash.class, () -> crashing.fees()
          .applyTransition(transition(moved(fee, FeeStatus.CANCELED), 1)));
    }
    raw.eventCollection().insertOne(MongoFeeDocuments.toDocument(new FeeEvent(UUID.randomUUID(),
        tenant, damaged.id(), 2, FeeEventType.NOTE, T1, "intruder", null, FeeStatus.UNPAID,
        FeeStatus.UNPAID, FeeEventDetails.NONE)));

    Ledgerkit.builder().persistence(MongoPersistence.create(mongo.client(), DATABASE)).build();

    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.WAIVED),
        fees().events(tenant, healthy.id()).stream().map(FeeEvent::type).toList());
    assertThrows(StorageException.class, () -> fees().events(tenant, damaged.id()));
    assertEquals(1, raw.feeDocuments(tenant).stream()
        .filter(fee -> fee.get("_id").equals(damaged.id().toString())).findFirst().orElseThrow()
        .getList("pendingEvents", Document.class).size(), "kept pending");
  }

  @Test
  void aProcessedNotificationIsOneDocumentUnderItsTenantSourceAndEventIdWithEveryField() {
    ProcessedEvent applied = processed(tenant, "stripe", "evt_1", PaymentEventOutcome.APPLIED);
    assertTrue(fees().recordProcessedEvent(applied));

    List<Document> stored = raw.processedEventDocuments(tenant);
    assertEquals(1, stored.size());
    Document record = stored.get(0);
    assertEquals(List.of("_id", "tenantId", "source", "eventId", "type", "feeId", "outcome",
        "processedAt"), List.copyOf(record.keySet()));
    assertInstanceOf(ObjectId.class, record.get("_id"), "the driver's id; the key is the index");
    assertEquals(tenant.value(), record.get("tenantId"));
    assertEquals("stripe", record.get("source"));
    assertEquals("evt_1", record.get("eventId"));
    assertEquals("checkout.session.completed", record.get("type"));
    assertEquals(applied.feeId().toString(), record.get("feeId"), "as fees store ids");
    assertEquals("applied", record.get("outcome"));
    assertEquals(Date.from(T0), record.get("processedAt"));
    assertEquals(applied, fees().findProcessedEvent(tenant, "stripe", "evt_1").orElseThrow());

    assertFalse(fees().recordProcessedEvent(
        processed(tenant, "stripe", "evt_1", PaymentEventOutcome.NOT_APPLIED)), "recorded before");
    assertEquals(stored, raw.processedEventDocuments(tenant), "nothing written");
    assertEquals(applied, fees().findProcessedEvent(tenant, "stripe", "evt_1").orElseThrow());

    for (ProcessedEvent own : List.of(
        processed(otherTenant, "stripe", "evt_1", PaymentEventOutcome.NOT_APPLIED),
        processed(tenant, "paypal", "evt_1", PaymentEventOutcome.NOT_APPLIED),
        processed(tenant, "stripe", "EVT_1", PaymentEventOutcome.NOT_APPLIED))) {
      assertTrue(fees().recordProcessedEvent(own), own.toString());
      assertEquals(own, fees().findProcessedEvent(own.tenant(), own.source(), own.eventId())
          .orElseThrow());
    }
    for (PaymentEventOutcome outcome : PaymentEventOutcome.values()) {
      ProcessedEvent each = processed(tenant, "stripe", "evt_" + outcome, outcome);
      assertTrue(fees().recordProcessedEvent(each));
      assertEquals(each, fees().findProcessedEvent(tenant, "stripe", "evt_" + outcome)
          .orElseThrow());
    }
    assertTrue(fees().findProcessedEvent(tenant, "stripe", "evt_2").isEmpty());
    assertTrue(fees().findProcessedEvent(otherTenant, "paypal", "evt_1").isEmpty());
    assertEquals(1, raw.processedEventDocuments(otherTenant).size());
    assertEquals(0, raw.eventDocuments(tenant).size(), "no fee event: a record is no fee change");
  }

  @Test
  void processedNotificationsLiveUnderTheAdaptersPrefix() {
    MongoPersistence prefixed = MongoPersistence.builder(mongo.client(), DATABASE)
        .collectionPrefix("lk_").build();
    ProcessedEvent event = processed(tenant, "stripe", "evt_prefixed", PaymentEventOutcome.IGNORED);
    assertTrue(prefixed.fees().recordProcessedEvent(event));

    assertEquals(1, mongo.client().getDatabase(DATABASE).getCollection("lk_processed_events")
        .countDocuments(Filters.eq("tenantId", tenant.value())));
    assertTrue(raw.processedEventDocuments(tenant).isEmpty());
    assertTrue(fees().findProcessedEvent(tenant, "stripe", "evt_prefixed").isEmpty());
    assertEquals(event, prefixed.fees().findProcessedEvent(tenant, "stripe", "evt_prefixed")
        .orElseThrow());
  }

  @Test
  void concurrentRecordsOfOneNotificationHaveOneWinner() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String eventId = "evt_race_" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
          PaymentEventOutcome outcome = i == 0 ? PaymentEventOutcome.APPLIED
              : PaymentEventOutcome.NOT_APPLIED;
          results.add(pool.submit(() -> {
            start.await();
            return fees().recordProcessedEvent(processed(tenant, "stripe", eventId, outcome));
          }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
          won += result.get() ? 1 : 0;
        }
        assertEquals(1, won, eventId);
        assertEquals(1, raw.processedEventCollection().countDocuments(Filters.and(
            Filters.eq("tenantId", tenant.value()), Filters.eq("eventId", eventId))));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aProcessedNotificationWithAStringTheServerWouldAlterWritesNothing() {
    ProcessedEvent good = processed(tenant, "stripe", "evt_good", PaymentEventOutcome.APPLIED);
    fees().recordProcessedEvent(good);
    long before = raw.processedEventCollection().countDocuments();
    for (String bad : List.of("x\uD800", "\uDFFFx", "a\u0000b")) {
      Map<String, ProcessedEvent> refused = Map.of(
          "source", withText(good, bad, good.eventId(), good.type()),
          "eventId", withText(good, good.source(), bad, good.type()),
          "type", withText(good, good.source(), "evt_bad", bad));
      refused.forEach((field, event) -> {
        ValidationException thrown =
            assertThrows(ValidationException.class, () -> fees().recordProcessedEvent(event));
        assertEquals(List.of(field), thrown.fields(), field);
      });
      assertThrows(ValidationException.class,
          () -> fees().findProcessedEvent(tenant, bad, good.eventId()));
      assertThrows(ValidationException.class,
          () -> fees().findProcessedEvent(tenant, good.source(), bad));
    }
    assertEquals(before, raw.processedEventCollection().countDocuments(), "nothing written");
    assertEquals(good, fees().findProcessedEvent(tenant, "stripe", "evt_good").orElseThrow());
  }

  @Test
  void aStoredOutcomeTheSdkDoesNotKnowIsAStorageFailure() {
    fees().recordProcessedEvent(
        processed(tenant, "stripe", "evt_odd", PaymentEventOutcome.APPLIED));
    raw.processedEventCollection().updateOne(Filters.and(Filters.eq("tenantId", tenant.value()),
        Filters.eq("eventId", "evt_odd")), Updates.set("outcome", "refunded"));
    StorageException unknown = assertThrows(StorageException.class,
        () -> fees().findProcessedEvent(tenant, "stripe", "evt_odd"));
    assertEquals(IllegalStateException.class.getName(),
        assertInstanceOf(DriverFailure.class, unknown.getCause()).driverType());
  }

  // ---- builders ----

  private static ProcessedEvent processed(TenantId tenant, String source, String eventId,
      PaymentEventOutcome outcome) {
    // The fee id is derived from the key, so that repeats of one notification are about one fee.
    UUID feeId = UUID.nameUUIDFromBytes((tenant + " " + source + " " + eventId)
        .getBytes(StandardCharsets.UTF_8));
    return new ProcessedEvent(tenant, source, eventId, "checkout.session.completed", feeId,
        outcome, T0);
  }

  private static ProcessedEvent withText(ProcessedEvent event, String source, String eventId,
      String type) {
    return new ProcessedEvent(event.tenant(), source, eventId, type, event.feeId(),
        event.outcome(), event.processedAt());
  }

  private static Fee fee(TenantId tenant, @Nullable String loanId, String amount) {
    return new Fee(UUID.randomUUID(), tenant, "member-1", loanId, new BigDecimal(amount),
        Currency.getInstance("USD"), FeeStatus.UNPAID, T0, FeeReason.OVERDUE, "late", 0, null,
        true, T0, T0, 1);
  }

  private static FeeEvent assessed(Fee fee) {
    // Derived from the fee, so that the same fee always gets the same event.
    UUID id = UUID.nameUUIDFromBytes(("assessed " + fee.id()).getBytes(StandardCharsets.UTF_8));
    return new FeeEvent(id, fee.tenant(), fee.id(), 1, FeeEventType.ASSESSED, T0, "staff-1",
        fee.note(), FeeStatus.UNPAID, FeeStatus.UNPAID,
        new FeeEventDetails(fee.amount(), null, fee.reason(), null, null, null, null, null, null,
            null));
  }

  private static Fee moved(Fee fee, FeeStatus status) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(), fee.currency(),
        status, T1, fee.reason(), fee.note(), fee.paymentAttempts(), fee.paymentReference(),
        fee.active(), fee.createdAt(), T1, fee.version() + 1);
  }

  private static FeeTransition transition(Fee next, long expectedVersion) {
    return new FeeTransition(next, expectedVersion, new FeeEvent(UUID.randomUUID(), next.tenant(),
        next.id(), expectedVersion + 1, FeeEventType.WAIVED, T1, "staff-1", null, FeeStatus.UNPAID,
        next.status(), FeeEventDetails.NONE));
  }

  private static Fee withUser(Fee fee, String userId) {
    return new Fee(fee.id(), fee.tenant(), userId, fee.loanId(), fee.amount(), fee.currency(),
        fee.status(), fee.statusUpdateDate(), fee.reason(), fee.note(), fee.paymentAttempts(),
        fee.paymentReference(), fee.active(), fee.createdAt(), fee.updatedAt(), fee.version());
  }

  private static Fee withNote(Fee fee, String note) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(), fee.currency(),
        fee.status(), fee.statusUpdateDate(), fee.reason(), note, fee.paymentAttempts(),
        fee.paymentReference(), fee.active(), fee.createdAt(), fee.updatedAt(), fee.version());
  }

  private static FeeEvent withActor(FeeEvent event, String actor) {
    return new FeeEvent(event.id(), event.tenant(), event.feeId(), event.feeVersion(), event.type(),
        event.eventDate(), actor, event.note(), event.fromStatus(), event.toStatus(),
        event.details());
  }

  private static FeeEvent withEventNote(FeeEvent event, String note) {
    return new FeeEvent(event.id(), event.tenant(), event.feeId(), event.feeVersion(), event.type(),
        event.eventDate(), event.actorUserId(), note, event.fromStatus(), event.toStatus(),
        event.details());
  }

  private static FeeEvent withDetails(FeeEvent event, FeeEventDetails details) {
    return new FeeEvent(event.id(), event.tenant(), event.feeId(), event.feeVersion(), event.type(),
        event.eventDate(), event.actorUserId(), event.note(), event.fromStatus(), event.toStatus(),
        details);
  }
}
