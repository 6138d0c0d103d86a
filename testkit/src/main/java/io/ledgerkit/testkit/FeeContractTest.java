package io.ledgerkit.testkit;

import static io.ledgerkit.testkit.FeeDrafts.aFee;
import static io.ledgerkit.testkit.FeeDrafts.aFeeFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.IllegalTransitionException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.fee.AssessResult;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeEvents;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.fee.PaymentEvent;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.fee.PaymentOutcome;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.PaymentResultMapping;
import io.ledgerkit.fee.PaymentStart;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The fee contract every persistence adapter passes (domain rules, sections 1, 3 and 6). Extend
 * it, return the adapter under test and a {@link FeeRawStore} reading the same store. Every test
 * registers fresh random tenants, so the store need not be emptied between tests.
 */
public abstract class FeeContractTest {

  /** Where the clock starts: with microseconds, which the SDK must cut to milliseconds. */
  protected static final Instant START = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** The clock of the SDK under test. */
  protected SettableClock clock;
  /** The payment gateway of the SDK under test. */
  protected FakePaymentGateway gateway;
  /** The SDK under test, on {@link #adapter()}. */
  protected Ledgerkit ledgerkit;
  /** Shortcut to {@code ledgerkit.fees()}. */
  protected FeeService fees;
  /** A fresh tenant. */
  protected TenantId tenant;
  /** A second fresh tenant. */
  protected TenantId otherTenant;
  /** OWNER of {@link #tenant}. */
  protected Caller owner;
  /** STAFF of {@link #tenant}. */
  protected Caller staff;
  /** SYSTEM caller of {@link #tenant}, as a payment webhook runs. */
  protected Caller system;
  /** MEMBER {@code member-1} of {@link #tenant}. */
  protected Caller member;
  /** MEMBER {@code member-2} of {@link #tenant}. */
  protected Caller otherMember;
  /** OWNER of {@link #otherTenant}. */
  protected Caller otherOwner;

  /** @return the adapter under test; may be the same instance for every test */
  protected abstract PersistenceAdapter adapter();

  /** @return a reader of the same store that bypasses the adapter */
  protected abstract FeeRawStore rawFees();

  @BeforeEach
  void setUpFees() {
    clock = new SettableClock(START);
    gateway = new FakePaymentGateway();
    ledgerkit = Ledgerkit.builder().persistence(adapter()).clock(clock).paymentGateway(gateway)
        .build();
    fees = ledgerkit.fees();
    tenant = registerTenant();
    otherTenant = registerTenant();
    owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    system = new Caller(tenant, "system", Set.of(Role.SYSTEM));
    member = new Caller(tenant, "member-1", Set.of(Role.MEMBER));
    otherMember = new Caller(tenant, "member-2", Set.of(Role.MEMBER));
    otherOwner = new Caller(otherTenant, "owner-2", Set.of(Role.OWNER));
  }

  /** @return the id of a freshly registered tenant */
  protected TenantId registerTenant() {
    TenantId id = TenantId.of("tenant-" + UUID.randomUUID());
    ledgerkit.tenants().register(id, TenantSettings.defaults());
    return id;
  }

  /** Every test ends with each fee's log replaying to its status. */
  @AfterEach
  void everyLogReplaysToItsFeesStatus() {
    for (TenantId id : List.of(tenant, otherTenant)) {
      Caller reader = new Caller(id, "auditor", Set.of(Role.OWNER));
      for (Fee fee : fees.list(reader, FeeFilter.all().includingInactive(), PageRequest.of(0, 100))
          .items()) {
        List<FeeEvent> history = fees.history(reader, fee.id());
        assertEquals(fee.status(), FeeEvents.replay(history), "replay of fee " + fee.id());
        assertEquals(fee.version(), history.get(history.size() - 1).feeVersion(),
            "the last event is the fee's last change");
        assertEquals(history.size(), history.stream().map(FeeEvent::id).distinct().count(),
            "no event twice");
      }
    }
  }

  // ---- assessment ----

  @Test
  void assessingStoresAnUnpaidFeeWithItsAssessedEvent() {
    clock.advance(Duration.ofSeconds(5));
    AssessResult result = fees.assess(staff, aFee().withAmount("12.5").withNote("late return"));

    Fee fee = result.fee();
    assertTrue(result.isNew());
    assertEquals(FeeStatus.UNPAID, fee.status());
    assertEquals(new BigDecimal("12.50"), fee.amount(), "the currency's two decimals");
    assertEquals("USD", fee.currency().getCurrencyCode());
    assertEquals(FeeReason.OVERDUE, fee.reason());
    assertEquals("late return", fee.note());
    assertEquals(1, fee.version());
    assertEquals(clock.instant().truncatedTo(ChronoUnit.MILLIS), fee.createdAt());
    assertEquals(fee, fees.findById(staff, fee.id()).orElseThrow());
    List<FeeEvent> history = fees.history(staff, fee.id());
    assertEquals(1, history.size());
    FeeEvent assessed = history.get(0);
    assertEquals(FeeEventType.ASSESSED, assessed.type());
    assertEquals("staff-1", assessed.actorUserId());
    assertEquals("late return", assessed.note());
    assertEquals(new BigDecimal("12.50"), assessed.details().amount());
    assertEquals(FeeReason.OVERDUE, assessed.details().reason());
    assertEquals(1, rawFees().fees(tenant).size());
    assertEquals(1, rawFees().events(tenant).size());
  }

  @Test
  void assessingTheSameLoanAgainWhileUnpaidUpdatesAndLogsIt() {
    FeeDraft draft = aFee();
    Fee first = fees.assess(staff, draft).fee();
    clock.advance(Duration.ofDays(1));
    AssessResult again = fees.assess(staff, draft.withAmount("3.75").withReason(FeeReason.LOST)
        .withNote("now lost"));

    assertFalse(again.isNew());
    assertEquals(first.id(), again.fee().id());
    assertEquals(new BigDecimal("3.75"), again.fee().amount());
    assertEquals(FeeReason.LOST, again.fee().reason());
    assertEquals("now lost", again.fee().note());
    assertEquals(2, again.fee().version());
    FeeEvent reassessed = fees.history(staff, first.id()).get(1);
    assertEquals(FeeEventType.ASSESSED, reassessed.type());
    assertEquals(new BigDecimal("2.50"), reassessed.details().previousAmount());
    assertEquals(new BigDecimal("3.75"), reassessed.details().amount());
    assertEquals(1, rawFees().fees(tenant).size(), "one fee per user and loan");
    AssessResult same = fees.assess(staff, draft.withAmount("3.75").withReason(FeeReason.LOST));
    assertEquals(again.fee(), same.fee(), "nothing new to assess: nothing written");
  }

  @Test
  void assessingALoanAgainIsRefusedOncePaymentStartedOrTheFeeIsFinal() {
    FeeDraft inProgress = aFee();
    Fee paying = fees.assess(staff, inProgress).fee();
    fees.startPayment(member, paying.id());
    FeeDraft waived = aFee();
    fees.waive(staff, fees.assess(staff, waived).fee().id(), null);
    FeeDraft deleted = aFee();
    fees.softDelete(owner, fees.assess(staff, deleted).fee().id());

    for (FeeDraft draft : List.of(inProgress, waived, deleted)) {
      assertRefusedUnchanged(ConflictException.class,
          () -> fees.assess(staff, draft.withAmount("9.00")));
    }
  }

  @Test
  void feesWithoutALoanAreNeverMerged() {
    FeeDraft manual = FeeDraft.forUser("member-1").withAmount("1.00").withReason(FeeReason.MANUAL);
    Fee one = fees.assess(staff, manual).fee();
    Fee two = fees.assess(staff, manual).fee();
    assertNotEquals(one.id(), two.id());
    assertEquals(2, fees.list(staff, FeeFilter.all().withUserId("member-1")).total());
  }

  @Test
  void concurrentAssessmentsOfOneLoanMakeOneFee() throws Exception {
    FeeDraft draft = aFee();
    List<Object> outcomes = race(8, thread -> {
      try {
        return fees.assess(staff, draft.withAmount(thread + 1 + ".00"));
      } catch (ConflictException lost) {
        return lost;
      }
    });
    assertEquals(1, outcomes.stream().filter(o -> o instanceof AssessResult r && r.isNew()).count());
    List<Fee> stored = fees.list(staff, FeeFilter.all().withLoanId(draft.loanId())).items();
    assertEquals(1, stored.size());
    long applied = outcomes.stream().filter(o -> o instanceof AssessResult).count();
    assertEquals(applied, fees.history(staff, stored.get(0).id()).size(),
        "every assessment that returned wrote one event, every lost one none");
  }

  // ---- bad input ----

  @Test
  void badAssessmentsAreRefusedFieldByFieldAndWriteNothing() {
    Map<String, FeeDraft> refused = new java.util.LinkedHashMap<>();
    refused.put("amount", aFee().withAmount("-1.00"));
    refused.put("amount ", aFee().withAmount("0"));
    refused.put("amount  ", aFee().withAmount("0.00"));
    refused.put("amount   ", aFee().withAmount("abc"));
    refused.put("amount    ", aFee().withAmount("1e3"));
    refused.put("amount     ", aFee().withAmount("1,50"));
    refused.put("amount      ", aFee().withAmount(""));
    refused.put("amount       ", aFee().withAmount((String) null));
    refused.put("amount        ", aFee().withAmount("10.001"));
    refused.put("amount         ", aFee().withAmount("100.5").withCurrency("JPY"));
    refused.put("amount          ", aFee().withAmount("1.2345").withCurrency("KWD"));
    refused.put("amount           ", aFee().withAmount("NaN"));
    refused.put("amount            ", aFee().withAmount("1234567890123456.00"));
    refused.put("currency", aFee().withCurrency("ZZZ"));
    refused.put("currency ", aFee().withCurrency("XAU"));
    refused.put("currency  ", aFee().withCurrency("US"));
    refused.put("currency   ", aFee().withCurrency("U\u00A7D"));
    refused.put("userId", aFee().withUserId(null));
    refused.put("userId ", aFee().withUserId(" "));
    refused.put("userId  ", aFee().withUserId("member\uD800"));
    refused.put("loanId", aFee().withLoanId("loan\u202E"));
    refused.put("note", aFee().withNote("late\u200Breturn"));
    for (Map.Entry<String, FeeDraft> entry : refused.entrySet()) {
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> fees.assess(staff, entry.getValue()));
      assertEquals(List.of(entry.getKey().strip()), e.fields(), entry.getValue().toString());
    }
    assertEquals(new BigDecimal("100"), fees.assess(staff, aFee().withAmount("100")
        .withCurrency("JPY")).fee().amount());
    assertEquals(new BigDecimal("1.234"), fees.assess(staff, aFee().withAmount("1.234")
        .withCurrency("kwd")).fee().amount());
    assertEquals(new BigDecimal("1.50"), fees.assess(staff, aFee().withAmount("1.500")).fee().amount(),
        "trailing zeros are no extra precision");
  }

  @Test
  void amountsAreExactDecimalsNeverFloatingPoint() {
    Fee fee = fees.assess(staff, aFee().withAmount(new BigDecimal("0.10"))).fee();
    Fee stored = fees.findById(staff, fee.id()).orElseThrow();
    assertEquals(new BigDecimal("0.10"), stored.amount());
    assertEquals(2, stored.amount().scale());
    assertEquals(new BigDecimal("0.30"), fees.assess(staff, aFee().withAmount("0.30")).fee().amount());
  }

  // ---- transitions ----

  @Test
  void everyStepOfTheTableWorksAndLogsItsEvent() {
    Fee paidOnline = fees.assess(staff, aFee()).fee();
    PaymentStart start = fees.startPayment(member, paidOnline.id());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, start.fee().status());
    assertTrue(start.isNew());
    PaymentOutcome success = fees.recordPaymentResult(system, paidOnline.id(), PaymentResult.SUCCEEDED,
        start.session().reference());
    assertTrue(success.applied());
    assertEquals(FeeStatus.PAID, success.fee().status());

    for (PaymentResult failure : List.of(PaymentResult.FAILED, PaymentResult.CANCELED,
        PaymentResult.EXPIRED)) {
      Fee fee = fees.assess(staff, aFee()).fee();
      PaymentStart started = fees.startPayment(staff, fee.id());
      PaymentOutcome back = fees.recordPaymentResult(system, fee.id(), failure,
          started.session().reference());
      assertTrue(back.applied());
      assertEquals(FeeStatus.UNPAID, back.fee().status(), failure.name());
      FeeEvent event = last(fee.id());
      assertEquals(FeeEventType.PAYMENT_FAIL, event.type());
      assertEquals(failure.apiName() + "->unpaid", event.details().resultMapping());
    }

    Fee cash = fees.assess(staff, aFee()).fee();
    assertEquals(FeeStatus.PAID, fees.recordManualPayment(staff, cash.id(), ManualPaymentMethod.CASH,
        "at the desk").status());
    assertEquals(ManualPaymentMethod.CASH, last(cash.id()).details().manualMethod());
    Fee waived = fees.assess(staff, aFee()).fee();
    assertEquals(FeeStatus.WAIVED, fees.waive(staff, waived.id(), "first offence").status());
    assertEquals("first offence", fees.findById(staff, waived.id()).orElseThrow().note());
    Fee canceled = fees.assess(staff, aFee()).fee();
    assertEquals(FeeStatus.CANCELED, fees.cancel(staff, canceled.id(), null).status());

    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.PAYMENT_ATTEMPT,
        FeeEventType.PAYMENT_SUCCESS), types(paidOnline.id()));
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.PAYMENT_SUCCESS), types(cash.id()));
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.WAIVED), types(waived.id()));
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.CANCELED), types(canceled.id()));
    FeeEvent attempt = fees.history(staff, paidOnline.id()).get(1);
    assertEquals(1, attempt.details().paymentAttempt());
    assertEquals(new BigDecimal("2.50"), attempt.details().amount());
    FeeEvent paidEvent = fees.history(staff, paidOnline.id()).get(2);
    assertEquals(PaymentResult.SUCCEEDED, paidEvent.details().paymentResult());
    assertEquals("succeeded->paid", paidEvent.details().resultMapping());
    assertEquals(start.session().reference(), paidEvent.details().paymentReference());
    assertEquals(START.truncatedTo(ChronoUnit.MILLIS), paidEvent.eventDate());
    assertEquals(start.session().reference(), attempt.details().paymentReference());
    assertEquals(start.session().url(), attempt.details().paymentUrl());
    assertEquals("member-1", attempt.actorUserId());
    assertEquals("system", last(paidOnline.id()).actorUserId());
  }

  @Test
  void nothingLeavesAFinalStatus() {
    Fee paid = fees.assess(staff, aFee()).fee();
    fees.recordManualPayment(staff, paid.id(), ManualPaymentMethod.POS, null);
    Fee waived = fees.assess(staff, aFee()).fee();
    fees.waive(staff, waived.id(), null);
    Fee canceled = fees.assess(staff, aFee()).fee();
    fees.cancel(staff, canceled.id(), null);

    for (Fee fee : List.of(paid, waived, canceled)) {
      UUID id = fee.id();
      for (Executable step : List.<Executable>of(
          () -> fees.waive(staff, id, null),
          () -> fees.cancel(staff, id, null),
          () -> fees.recordManualPayment(staff, id, ManualPaymentMethod.CASH, null),
          () -> fees.startPayment(staff, id),
          () -> fees.softDelete(owner, id))) {
        assertRefusedUnchanged(IllegalTransitionException.class, step);
      }
      for (PaymentResult result : PaymentResult.values()) {
        PaymentOutcome late = fees.recordPaymentResult(system, id, result, "cs_late");
        assertFalse(late.applied(), "a late " + result + " moves no final fee");
      }
    }
    assertEquals(FeeStatus.PAID, fees.findById(staff, paid.id()).orElseThrow().status());
  }

  @Test
  void aPaymentInProgressOnlyEndsWithItsResult() {
    Fee fee = fees.assess(staff, aFee()).fee();
    fees.startPayment(member, fee.id());
    for (Executable step : List.<Executable>of(
        () -> fees.waive(staff, fee.id(), null),
        () -> fees.cancel(staff, fee.id(), null),
        () -> fees.recordManualPayment(staff, fee.id(), ManualPaymentMethod.CASH, null),
        () -> fees.softDelete(owner, fee.id()))) {
      assertRefusedUnchanged(IllegalTransitionException.class, step);
    }
    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
        () -> fees.waive(staff, fee.id(), null));
    assertEquals("paymentInProgress", e.state());
  }

  @Test
  void lateRepeatedAndStaleResultsNeverMoveAFee() {
    Fee fee = fees.assess(staff, aFee()).fee();
    PaymentStart first = fees.startPayment(member, fee.id());
    assertTrue(fees.recordPaymentResult(system, fee.id(), PaymentResult.FAILED,
        first.session().reference()).applied());
    PaymentStart second = fees.startPayment(member, fee.id());
    assertNotEquals(first.session().reference(), second.session().reference(),
        "a new attempt, a new checkout");
    assertEquals(2, second.fee().paymentAttempts());

    PaymentOutcome stale = fees.recordPaymentResult(system, fee.id(), PaymentResult.SUCCEEDED,
        first.session().reference());
    assertFalse(stale.applied(), "a result of the first attempt does not settle the second");
    assertTrue(fees.recordPaymentResult(system, fee.id(), PaymentResult.SUCCEEDED,
        second.session().reference()).applied());
    List<Map<String, Object>> settled = rawFees().events(tenant);
    for (PaymentResult late : PaymentResult.values()) {
      assertFalse(fees.recordPaymentResult(system, fee.id(), late, second.session().reference())
          .applied());
    }
    assertEquals(settled, rawFees().events(tenant), "a repeated or late result writes nothing");
    assertEquals(FeeStatus.PAID, fees.findById(staff, fee.id()).orElseThrow().status());
  }

  @Test
  void startingTwiceGivesTheSameCheckoutOnce() {
    Fee fee = fees.assess(staff, aFee()).fee();
    PaymentStart first = fees.startPayment(member, fee.id());
    PaymentStart again = fees.startPayment(member, fee.id());
    assertFalse(again.isNew());
    assertEquals(first.session(), again.session());
    assertEquals(1, gateway.sessionsOpened());
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.PAYMENT_ATTEMPT), types(fee.id()));
    assertEquals(gateway.requests().get(0).idempotencyKey(), gateway.requests().get(1).idempotencyKey());
  }

  @Test
  void aGatewayErrorLeavesTheFeePayableAndLogsTheFailure() {
    Fee fee = fees.assess(staff, aFee()).fee();
    gateway.failNextStart("card_declined");
    PaymentGatewayException e = assertThrows(PaymentGatewayException.class,
        () -> fees.startPayment(member, fee.id()));
    assertEquals("card_declined", e.code());
    Fee after = fees.findById(staff, fee.id()).orElseThrow();
    assertEquals(FeeStatus.UNPAID, after.status());
    FeeEvent failed = last(fee.id());
    assertEquals(FeeEventType.PAYMENT_FAIL, failed.type());
    assertEquals("card_declined", failed.details().error());
    assertEquals(FeeStatus.UNPAID, failed.fromStatus());
    assertEquals(FeeStatus.UNPAID, failed.toStatus());

    PaymentStart retry = fees.startPayment(member, fee.id());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, retry.fee().status());
    assertNotEquals(gateway.requests().get(0).idempotencyKey(),
        gateway.requests().get(1).idempotencyKey(), "the next attempt has a key of its own");
  }

  @Test
  void aStuckPaymentIsSettledByAskingTheGateway() {
    Fee fee = fees.assess(staff, aFee()).fee();
    PaymentStart start = fees.startPayment(member, fee.id());
    assertFalse(fees.refreshPayment(member, fee.id()).applied(), "still open: nothing changes");
    gateway.settle(start.session().reference(), PaymentResult.SUCCEEDED);
    PaymentOutcome refreshed = fees.refreshPayment(member, fee.id());
    assertTrue(refreshed.applied());
    assertEquals(FeeStatus.PAID, refreshed.fee().status());
    assertFalse(fees.refreshPayment(member, fee.id()).applied());
  }

  @Test
  void theResultMappingIsConfigurableWithinTheTable() {
    assertThrows(ValidationException.class,
        () -> PaymentResultMapping.defaults().with(PaymentResult.CANCELED, FeeStatus.WAIVED));
    assertThrows(ValidationException.class,
        () -> PaymentResultMapping.defaults().with(PaymentResult.FAILED, FeeStatus.CANCELED));
    assertEquals(FeeStatus.UNPAID, PaymentResultMapping.defaults().target(PaymentResult.CANCELED));
    FeeService strict = Ledgerkit.builder().persistence(adapter()).clock(clock).paymentGateway(gateway)
        .paymentResultMapping(PaymentResultMapping.defaults()
            .with(PaymentResult.SUCCEEDED, FeeStatus.UNPAID))
        .build().fees();
    Fee fee = strict.assess(staff, aFee()).fee();
    PaymentStart start = strict.startPayment(member, fee.id());
    assertEquals(FeeStatus.UNPAID, strict.recordPaymentResult(system, fee.id(),
        PaymentResult.SUCCEEDED, start.session().reference()).fee().status());
    assertEquals("succeeded->unpaid", last(fee.id()).details().resultMapping());
  }

  @Test
  void notesAreAddedInAnyStatusWithoutMovingIt() {
    Fee fee = fees.assess(staff, aFee()).fee();
    fees.recordManualPayment(staff, fee.id(), ManualPaymentMethod.OTHER, null);
    Fee noted = fees.addNote(staff, fee.id(), "receipt 42\nfiled");
    assertEquals(FeeStatus.PAID, noted.status());
    assertEquals("receipt 42\nfiled", noted.note());
    FeeEvent note = last(fee.id());
    assertEquals(FeeEventType.NOTE, note.type());
    assertEquals(FeeStatus.PAID, note.fromStatus());
    assertEquals(FeeStatus.PAID, note.toStatus());
    for (String bad : List.of(" ", "\u00A0", "a\u202Eb")) {
      assertRefusedUnchanged(ValidationException.class, () -> fees.addNote(staff, fee.id(), bad));
    }
  }

  @Test
  void softDeleteCancelsAnUnpaidFeeAndHidesIt() {
    Fee fee = fees.assess(staff, aFee()).fee();
    Fee deleted = fees.softDelete(owner, fee.id());
    assertFalse(deleted.active());
    assertEquals(FeeStatus.CANCELED, deleted.status());
    assertEquals(FeeEventType.CANCELED, last(fee.id()).type());
    assertEquals(0, fees.list(staff, FeeFilter.all()).total());
    assertEquals(1, fees.list(staff, FeeFilter.all().includingInactive()).total());
    assertEquals(deleted, fees.findById(staff, fee.id()).orElseThrow());
    UUID unpaid = fees.assess(staff, aFee()).fee().id();
    assertRefusedUnchanged(AccessDeniedException.class, () -> fees.softDelete(staff, unpaid));
  }

  @Test
  void constantFieldsNeverChange() {
    Fee fee = fees.assess(staff, aFee().withNote("first")).fee();
    PaymentStart start = fees.startPayment(member, fee.id());
    fees.recordPaymentResult(system, fee.id(), PaymentResult.FAILED, start.session().reference());
    fees.addNote(staff, fee.id(), "called the member");
    Fee after = fees.recordManualPayment(staff, fee.id(), ManualPaymentMethod.CASH, "paid");
    for (Function<Fee, Object> field : List.<Function<Fee, Object>>of(Fee::id, Fee::tenant,
        Fee::userId, Fee::loanId, Fee::amount, Fee::currency, Fee::reason, Fee::createdAt)) {
      assertEquals(field.apply(fee), field.apply(after));
    }
    assertEquals(fee.version() + 4, after.version());
    assertEquals(after, fees.findById(staff, fee.id()).orElseThrow());
  }

  // ---- access ----

  @Test
  void membersSeeAndPayOnlyTheirOwnFees() {
    Fee mine = fees.assess(staff, aFeeFor("member-1")).fee();
    Fee theirs = fees.assess(staff, aFeeFor("member-2")).fee();

    assertEquals(List.of(mine.id()), ids(fees.list(member, FeeFilter.all())));
    assertEquals(List.of(), ids(fees.list(member, FeeFilter.all().withUserId("member-2"))));
    assertTrue(fees.findById(member, theirs.id()).isEmpty());
    for (Executable step : List.<Executable>of(
        () -> fees.startPayment(member, theirs.id()),
        () -> fees.history(member, theirs.id()),
        () -> fees.refreshPayment(member, theirs.id()))) {
      assertRefusedUnchanged(NotFoundException.class, step);
    }
    for (Executable step : List.<Executable>of(
        () -> fees.waive(member, mine.id(), null),
        () -> fees.cancel(member, mine.id(), null),
        () -> fees.recordManualPayment(member, mine.id(), ManualPaymentMethod.CASH, null),
        () -> fees.addNote(member, mine.id(), "mine"),
        () -> fees.assess(member, aFeeFor("member-1")),
        () -> fees.recordPaymentResult(member, mine.id(), PaymentResult.SUCCEEDED, "cs_mine"),
        () -> fees.softDelete(member, mine.id()))) {
      assertRefusedUnchanged(AccessDeniedException.class, step);
    }
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, fees.startPayment(member, mine.id()).fee().status());
    assertEquals(2, fees.history(member, mine.id()).size());
    assertRefusedUnchanged(AccessDeniedException.class,
        () -> fees.recordPaymentResult(staff, mine.id(), PaymentResult.SUCCEEDED, "cs_mine"));
  }

  @Test
  void anotherTenantsFeeDoesNotExist() {
    Fee fee = fees.assess(staff, aFee()).fee();
    UUID id = fee.id();
    assertTrue(fees.findById(otherOwner, id).isEmpty());
    assertEquals(0, fees.list(otherOwner, FeeFilter.all()).total());
    Caller otherSystem = new Caller(otherTenant, "system", Set.of(Role.SYSTEM));
    for (Executable step : List.<Executable>of(
        () -> fees.waive(otherOwner, id, null),
        () -> fees.cancel(otherOwner, id, null),
        () -> fees.recordManualPayment(otherOwner, id, ManualPaymentMethod.CASH, null),
        () -> fees.startPayment(otherOwner, id),
        () -> fees.refreshPayment(otherOwner, id),
        () -> fees.addNote(otherOwner, id, "x"),
        () -> fees.softDelete(otherOwner, id),
        () -> fees.history(otherOwner, id),
        () -> fees.recordPaymentResult(otherSystem, id, PaymentResult.SUCCEEDED, "cs_other"))) {
      assertRefusedUnchanged(NotFoundException.class, step);
    }
    assertThrows(UnknownTenantException.class, () -> fees.list(
        Caller.of("unknown-" + UUID.randomUUID(), "owner", Role.OWNER), FeeFilter.all()));
    assertEquals(fee, fees.findById(staff, id).orElseThrow());
  }

  // ---- listing ----

  @Test
  void listingsFilterAndPageNewestFirst() {
    List<Fee> assessed = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      assessed.add(fees.assess(staff, aFeeFor(i % 2 == 0 ? "member-1" : "member-2")
          .withAmount(i + ".00").withReason(i <= 3 ? FeeReason.OVERDUE : FeeReason.DAMAGE)).fee());
    }
    fees.waive(staff, assessed.get(0).id(), null);

    Page<Fee> newest = fees.list(staff, FeeFilter.all(), PageRequest.of(0, 4));
    assertEquals(6, newest.total());
    assertEquals(List.of(assessed.get(5).id(), assessed.get(4).id(), assessed.get(3).id(),
        assessed.get(2).id()), ids(newest));
    assertEquals(List.of(assessed.get(1).id(), assessed.get(0).id()),
        ids(fees.list(staff, FeeFilter.all(), PageRequest.of(4, 4))));
    assertEquals(3, fees.list(staff, FeeFilter.all().withUserId("member-1")).total());
    assertEquals(List.of(assessed.get(2).id()),
        ids(fees.list(staff, FeeFilter.all().withLoanId(assessed.get(2).loanId()))));
    assertEquals(List.of(assessed.get(3).id(), assessed.get(2).id(), assessed.get(1).id()),
        ids(fees.list(staff, FeeFilter.all().withAmountBetween(new BigDecimal("2"),
            new BigDecimal("4.00")))));
    assertEquals(List.of(assessed.get(0).id()),
        ids(fees.list(staff, FeeFilter.all().withStatus(FeeStatus.WAIVED))));
    assertEquals(3, fees.list(staff, FeeFilter.all().withReason(FeeReason.DAMAGE)).total());
    assertEquals(List.of(assessed.get(5).id(), assessed.get(3).id()), ids(fees.list(staff,
        FeeFilter.all().withReason(FeeReason.DAMAGE).withUserId("member-1"))));
    assertThrows(ValidationException.class, () -> fees.list(staff,
        FeeFilter.all().withAmountBetween(new BigDecimal("5"), new BigDecimal("1"))));
    assertThrows(ValidationException.class, () -> fees.list(staff,
        FeeFilter.all().withUserId("member\u200B")));
    for (BigDecimal outOfRange : List.of(new BigDecimal("-1"), new BigDecimal("0.0000001"),
        new BigDecimal("1E+16"))) {
      assertThrows(ValidationException.class, () -> fees.list(staff,
          FeeFilter.all().withAmountBetween(outOfRange, null)), outOfRange.toString());
    }
  }

  // ---- races ----

  @Test
  void aPaymentAndAWaiveRacingOnOneFeeHaveExactlyOneWinner() throws Exception {
    List<Fee> racing = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      racing.add(fees.assess(staff, aFee()).fee());
    }
    List<List<Object>> outcomes = race(2, thread -> {
      List<Object> mine = new ArrayList<>();
      for (Fee fee : racing) {
        try {
          mine.add(thread == 0
              ? fees.recordManualPayment(staff, fee.id(), ManualPaymentMethod.POS, null)
              : fees.waive(staff, fee.id(), null));
        } catch (ConflictException | IllegalTransitionException lost) {
          mine.add(lost);
        }
      }
      return mine;
    });
    for (int i = 0; i < racing.size(); i++) {
      Fee stored = fees.findById(staff, racing.get(i).id()).orElseThrow();
      boolean paid = outcomes.get(0).get(i) instanceof Fee;
      boolean waived = outcomes.get(1).get(i) instanceof Fee;
      assertTrue(paid ^ waived, "exactly one writer won fee " + i);
      assertEquals(paid ? FeeStatus.PAID : FeeStatus.WAIVED, stored.status());
      List<FeeEventType> events = types(stored.id());
      assertEquals(List.of(FeeEventType.ASSESSED,
          paid ? FeeEventType.PAYMENT_SUCCESS : FeeEventType.WAIVED), events);
    }
  }

  @Test
  void racingDeliveriesOfPaymentResultsHaveOneEffect() throws Exception {
    List<Fee> paying = new ArrayList<>();
    List<String> references = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Fee fee = fees.assess(staff, aFee()).fee();
      references.add(fees.startPayment(member, fee.id()).session().reference());
      paying.add(fee);
    }
    List<List<Boolean>> applied = race(4, thread -> {
      List<Boolean> mine = new ArrayList<>();
      for (int i = 0; i < paying.size(); i++) {
        PaymentResult result = thread % 2 == 0 ? PaymentResult.SUCCEEDED : PaymentResult.FAILED;
        mine.add(fees.recordPaymentResult(system, paying.get(i).id(), result, references.get(i))
            .applied());
      }
      return mine;
    });
    for (int i = 0; i < paying.size(); i++) {
      int winners = 0;
      for (List<Boolean> thread : applied) {
        winners += thread.get(i) ? 1 : 0;
      }
      assertEquals(1, winners, "one delivery of fee " + i + " had an effect");
      assertEquals(3, fees.history(staff, paying.get(i).id()).size());
    }
  }

  // ---- errors ----

  @Test
  void exceptionsSerializeAndCarryNoStoredValue() throws Exception {
    Fee fee = fees.assess(staff, aFeeFor("member-secret").withNote("secret note")).fee();
    fees.waive(staff, fee.id(), null);
    List<LedgerkitException> thrown = List.of(
        assertThrows(IllegalTransitionException.class, () -> fees.cancel(staff, fee.id(), null)),
        assertThrows(ConflictException.class, () -> fees.assess(staff, aFeeFor("member-secret")
            .withLoanId(fee.loanId()))),
        assertThrows(ValidationException.class, () -> fees.assess(staff, aFee()
            .withAmount("secret-amount"))));
    for (LedgerkitException e : thrown) {
      assertInstanceOf(e.getClass(), Serialization.roundTrip(e));
      String everything = Serialization.everythingShownBy(e);
      for (String secret : List.of("member-secret", "secret note", "secret-amount")) {
        assertFalse(everything.contains(secret), e.getClass().getSimpleName() + " carries " + secret);
      }
    }
  }

  @Test
  void aResultNamesItsCheckout() {
    Fee fee = fees.assess(staff, aFee()).fee();
    PaymentStart first = fees.startPayment(member, fee.id());
    assertRefusedUnchanged(ValidationException.class,
        () -> fees.recordPaymentResult(system, fee.id(), PaymentResult.FAILED, null));
    fees.recordPaymentResult(system, fee.id(), PaymentResult.FAILED, first.session().reference());
    PaymentStart second = fees.startPayment(member, fee.id());
    PaymentOutcome redelivered = fees.recordPaymentResult(system, fee.id(), PaymentResult.FAILED,
        first.session().reference());
    assertFalse(redelivered.applied(), "the first checkout's failure does not end the second");
    assertTrue(fees.recordPaymentResult(system, fee.id(), PaymentResult.SUCCEEDED,
        second.session().reference()).applied());
  }

  @Test
  void aCheckoutIsNeverReusedForAnotherAmount() {
    FeeDraft draft = aFee();
    Fee fee = fees.assess(staff, draft).fee();
    boolean[] reassessed = {false};
    io.ledgerkit.fee.PaymentGateway racing = new io.ledgerkit.fee.PaymentGateway() {
      @Override
      public io.ledgerkit.fee.PaymentSession startCheckout(io.ledgerkit.fee.PaymentRequest request) {
        if (!reassessed[0]) {
          reassessed[0] = true;
          fees.assess(staff, draft.withAmount("10.00"));
        }
        return gateway.startCheckout(request);
      }

      @Override
      public java.util.Optional<PaymentResult> outcomeOf(io.ledgerkit.fee.PaymentRequest request,
          String reference) {
        return gateway.outcomeOf(request, reference);
      }
    };
    FeeService paying = Ledgerkit.builder().persistence(adapter()).clock(clock)
        .paymentGateway(racing).build().fees();

    assertThrows(ConflictException.class, () -> paying.startPayment(member, fee.id()),
        "the fee was assessed again while its checkout opened");
    PaymentStart start = paying.startPayment(member, fee.id());
    assertEquals(new BigDecimal("10.00"), start.fee().amount());
    List<io.ledgerkit.fee.PaymentRequest> requests = gateway.requests();
    assertEquals(new BigDecimal("2.50"), requests.get(0).amount());
    assertEquals(new BigDecimal("10.00"), requests.get(1).amount());
    assertNotEquals(requests.get(0).idempotencyKey(), requests.get(1).idempotencyKey(),
        "a checkout of 2.50 is never handed out for a fee of 10.00");
    assertEquals(new BigDecimal("10.00"), last(fee.id()).details().amount());
  }

  @Test
  void theSameLoanInAnotherTenantIsAnotherFee() {
    FeeDraft draft = aFee();
    Fee here = fees.assess(staff, draft).fee();
    Caller otherStaff = new Caller(otherTenant, "staff-2", Set.of(Role.STAFF));
    AssessResult there = fees.assess(otherStaff, draft.withAmount("7.00"));
    assertTrue(there.isNew());
    assertNotEquals(here.id(), there.fee().id());
    assertEquals(new BigDecimal("2.50"), fees.findById(staff, here.id()).orElseThrow().amount());
    assertEquals(1, rawFees().fees(otherTenant).size());
  }

  @Test
  void theStoreAppliesAChangeOnlyAtTheVersionItWasComputedFrom() {
    Fee fee = fees.assess(staff, aFee()).fee();
    Fee noted = fees.addNote(staff, fee.id(), "first");
    io.ledgerkit.fee.FeeRepository store = adapter().fees();
    Fee stale = new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), FeeStatus.WAIVED, fee.updatedAt(), fee.reason(), fee.note(), 0, null, true,
        fee.createdAt(), fee.updatedAt(), 2);
    FeeEvent event = new FeeEvent(UUID.randomUUID(), fee.tenant(), fee.id(), 2, FeeEventType.WAIVED,
        fee.updatedAt(), "staff-1", null, FeeStatus.UNPAID, FeeStatus.WAIVED,
        io.ledgerkit.fee.FeeEventDetails.NONE);
    List<List<Map<String, Object>>> before = snapshot();
    assertFalse(store.applyTransition(new io.ledgerkit.fee.FeeTransition(stale, 1, event)),
        "version 1 is gone");
    UUID missing = UUID.randomUUID();
    Fee ghost = new Fee(missing, fee.tenant(), fee.userId(), null, fee.amount(), fee.currency(),
        FeeStatus.WAIVED, fee.updatedAt(), fee.reason(), null, 0, null, true, fee.createdAt(),
        fee.updatedAt(), 2);
    FeeEvent ghostEvent = new FeeEvent(UUID.randomUUID(), fee.tenant(), missing, 2,
        FeeEventType.WAIVED, fee.updatedAt(), "staff-1", null, FeeStatus.UNPAID, FeeStatus.WAIVED,
        io.ledgerkit.fee.FeeEventDetails.NONE);
    assertFalse(store.applyTransition(new io.ledgerkit.fee.FeeTransition(ghost, 1, ghostEvent)),
        "no such fee");
    Fee foreign = new Fee(fee.id(), otherTenant, fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), FeeStatus.WAIVED, fee.updatedAt(), fee.reason(), null, 0, null, true,
        fee.createdAt(), fee.updatedAt(), 3);
    FeeEvent foreignEvent = new FeeEvent(UUID.randomUUID(), otherTenant, fee.id(), 3,
        FeeEventType.WAIVED, fee.updatedAt(), "owner-2", null, FeeStatus.UNPAID, FeeStatus.WAIVED,
        io.ledgerkit.fee.FeeEventDetails.NONE);
    assertFalse(store.applyTransition(new io.ledgerkit.fee.FeeTransition(foreign, 2, foreignEvent)),
        "another tenant cannot change the fee, even at its version");
    assertEquals(before, snapshot());
    assertEquals(noted, fees.findById(staff, fee.id()).orElseThrow());
  }

  @Test
  void whatAGatewayAnswersPassesTheTextPolicyToo() {
    Fee fee = fees.assess(staff, aFee()).fee();
    io.ledgerkit.fee.PaymentGateway hostile = new io.ledgerkit.fee.PaymentGateway() {
      private int calls;

      @Override
      public io.ledgerkit.fee.PaymentSession startCheckout(io.ledgerkit.fee.PaymentRequest request) {
        if (calls++ == 0) {
          return new io.ledgerkit.fee.PaymentSession("cs_\uD800", "https://pay.example/\u202Ex");
        }
        throw new PaymentGatewayException("card\u200B_declined", "declined", null);
      }

      @Override
      public java.util.Optional<PaymentResult> outcomeOf(io.ledgerkit.fee.PaymentRequest request,
          String reference) {
        return java.util.Optional.empty();
      }
    };
    FeeService paying = Ledgerkit.builder().persistence(adapter()).clock(clock)
        .paymentGateway(hostile).build().fees();

    assertEquals("invalid_session", assertThrows(PaymentGatewayException.class,
        () -> paying.startPayment(member, fee.id())).code());
    assertEquals("invalid_session", last(fee.id()).details().error());
    assertThrows(PaymentGatewayException.class, () -> paying.startPayment(member, fee.id()));
    assertEquals("gateway_error", last(fee.id()).details().error(),
        "a provider's code with hidden characters is not stored");
    Fee after = fees.findById(staff, fee.id()).orElseThrow();
    assertEquals(FeeStatus.UNPAID, after.status());
    assertEquals(null, after.paymentReference());
  }

  // ---- provider notifications ----

  @Test
  void aNotificationHasOneEffectHoweverOftenItArrives() {
    Fee fee = fees.assess(staff, aFee()).fee();
    String reference = fees.startPayment(member, fee.id()).session().reference();
    PaymentEvent paid = event("evt_paid", fee.id(), reference, PaymentResult.SUCCEEDED);

    assertEquals(PaymentEventOutcome.APPLIED, fees.recordPaymentEvent(system, paid));
    assertEquals(FeeStatus.PAID, fees.findById(staff, fee.id()).orElseThrow().status());
    for (int i = 0; i < 3; i++) {
      assertRefusedUnchanged(PaymentEventOutcome.DUPLICATE, () -> fees.recordPaymentEvent(system, paid));
    }
    PaymentEvent lateFailure = event("evt_failed", fee.id(), reference, PaymentResult.FAILED);
    assertEquals(PaymentEventOutcome.NOT_APPLIED, fees.recordPaymentEvent(system, lateFailure));
    assertRefusedUnchanged(PaymentEventOutcome.DUPLICATE,
        () -> fees.recordPaymentEvent(system, lateFailure));
    assertEquals(1, fees.history(staff, fee.id()).stream()
        .filter(e -> e.type() == FeeEventType.PAYMENT_SUCCESS).count());
    ProcessedEvent record = adapter().fees().findProcessedEvent(tenant, "test", "evt_paid")
        .orElseThrow();
    assertEquals(PaymentEventOutcome.APPLIED, record.outcome());
    assertEquals(fee.id(), record.feeId());
    assertEquals("test.event", record.type());
    assertEquals(START.truncatedTo(ChronoUnit.MILLIS), record.processedAt());
    assertTrue(adapter().fees().findProcessedEvent(otherTenant, "test", "evt_paid").isEmpty(),
        "a record belongs to its tenant");
    assertTrue(adapter().fees().findProcessedEvent(tenant, "other", "evt_paid").isEmpty());
  }

  @Test
  void notificationsForUnknownOrForeignFeesOrWithoutResultChangeNothing() {
    Fee fee = fees.assess(staff, aFee()).fee();
    String reference = fees.startPayment(member, fee.id()).session().reference();
    assertRefusedUnchanged(PaymentEventOutcome.UNKNOWN_FEE, () -> fees.recordPaymentEvent(system,
        event("evt_1", UUID.randomUUID(), reference, PaymentResult.SUCCEEDED)));
    Caller foreignSystem = new Caller(otherTenant, "system", Set.of(Role.SYSTEM));
    assertRefusedUnchanged(PaymentEventOutcome.UNKNOWN_FEE, () -> fees.recordPaymentEvent(
        foreignSystem, event("evt_2", fee.id(), reference, PaymentResult.SUCCEEDED)));
    assertRefusedUnchanged(PaymentEventOutcome.IGNORED, () -> fees.recordPaymentEvent(system,
        event("evt_3", fee.id(), reference, null)));
    assertRefusedUnchanged(PaymentEventOutcome.NOT_APPLIED, () -> fees.recordPaymentEvent(system,
        event("evt_4", fee.id(), "cs_of_another_checkout", PaymentResult.SUCCEEDED)));
    assertTrue(adapter().fees().findProcessedEvent(otherTenant, "test", "evt_2").isEmpty());
    assertTrue(adapter().fees().findProcessedEvent(tenant, "test", "evt_3").isEmpty());
    assertRefusedUnchanged(AccessDeniedException.class, () -> fees.recordPaymentEvent(member,
        event("evt_5", fee.id(), reference, PaymentResult.SUCCEEDED)));
    ValidationException bad = assertRefusedUnchanged(ValidationException.class,
        () -> fees.recordPaymentEvent(system, new PaymentEvent(" ", "evt\uD800", "t", null, "", null)));
    assertEquals(List.of("eventId", "feeId", "reference", "source"),
        bad.fields().stream().sorted().toList());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, fees.findById(staff, fee.id()).orElseThrow().status());
  }

  @Test
  void concurrentDeliveriesOfOneNotificationApplyItOnce() throws Exception {
    Fee fee = fees.assess(staff, aFee()).fee();
    String reference = fees.startPayment(member, fee.id()).session().reference();
    PaymentEvent paid = event("evt_race", fee.id(), reference, PaymentResult.SUCCEEDED);
    List<PaymentEventOutcome> outcomes = race(8, thread -> fees.recordPaymentEvent(system, paid));
    assertEquals(1, outcomes.stream().filter(o -> o == PaymentEventOutcome.APPLIED).count(),
        outcomes.toString());
    assertEquals(1, fees.history(staff, fee.id()).stream()
        .filter(e -> e.type() == FeeEventType.PAYMENT_SUCCESS).count());
    assertEquals(PaymentEventOutcome.DUPLICATE, fees.recordPaymentEvent(system, paid));
  }

  @Test
  void aCrashBetweenTheEffectAndItsRecordLosesNothingAndDoublesNothing() {
    Fee fee = fees.assess(staff, aFee()).fee();
    String reference = fees.startPayment(member, fee.id()).session().reference();
    PaymentEvent paid = event("evt_crash", fee.id(), reference, PaymentResult.SUCCEEDED);
    Ledgerkit crashing = Ledgerkit.builder().persistence(crashingOnRecord(adapter())).clock(clock)
        .paymentGateway(gateway).build();
    assertThrows(LedgerkitException.class, () -> crashing.fees().recordPaymentEvent(system, paid));
    assertEquals(FeeStatus.PAID, fees.findById(staff, fee.id()).orElseThrow().status(),
        "the effect came first");
    assertTrue(adapter().fees().findProcessedEvent(tenant, "test", "evt_crash").isEmpty());

    assertEquals(PaymentEventOutcome.NOT_APPLIED, fees.recordPaymentEvent(system, paid),
        "the redelivery finds the fee paid and moves nothing");
    assertEquals(PaymentEventOutcome.DUPLICATE, fees.recordPaymentEvent(system, paid));
    assertEquals(1, fees.history(staff, fee.id()).stream()
        .filter(e -> e.type() == FeeEventType.PAYMENT_SUCCESS).count());
  }

  @Test
  void abandonedPaymentsExpireUnlessTheCheckoutCanStillBePaid() {
    Fee expiring = fees.assess(staff, aFee()).fee();
    String expiringRef = fees.startPayment(member, expiring.id()).session().reference();
    Fee paidMeanwhile = fees.assess(staff, aFee()).fee();
    String paidRef = fees.startPayment(member, paidMeanwhile.id()).session().reference();
    gateway.settle(paidRef, PaymentResult.SUCCEEDED);
    Fee stillOpen = fees.assess(staff, aFee()).fee();
    gateway.keepOpen(fees.startPayment(member, stillOpen.id()).session().reference());
    clock.advance(Duration.ofHours(2));
    Fee young = fees.assess(staff, aFee()).fee();
    fees.startPayment(member, young.id());
    clock.advance(Duration.ofMinutes(10));

    List<PaymentOutcome> outcomes = fees.expireAbandonedPayments(system, Duration.ofHours(1));

    assertEquals(3, outcomes.size(), "the young payment is not looked at");
    assertEquals(FeeStatus.UNPAID, fees.findById(staff, expiring.id()).orElseThrow().status());
    FeeEvent expired = last(fees.history(staff, expiring.id()));
    assertEquals(FeeEventType.PAYMENT_FAIL, expired.type());
    assertEquals(expiringRef, expired.details().paymentReference());
    assertEquals(FeeStatus.PAID, fees.findById(staff, paidMeanwhile.id()).orElseThrow().status(),
        "a checkout paid meanwhile is settled as paid, never reverted");
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS,
        fees.findById(staff, stillOpen.id()).orElseThrow().status(), "an open checkout stays");
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, fees.findById(staff, young.id()).orElseThrow().status());
    assertEquals(2, outcomes.stream().filter(PaymentOutcome::applied).count());
    assertEquals(List.of(), fees.expireAbandonedPayments(system, Duration.ofHours(3)));
    assertRefusedUnchanged(ValidationException.class,
        () -> fees.expireAbandonedPayments(system, Duration.ZERO));
    assertRefusedUnchanged(AccessDeniedException.class,
        () -> fees.expireAbandonedPayments(member, Duration.ofHours(1)));
  }

  // ---- helpers ----

  private FeeEvent last(UUID feeId) {
    List<FeeEvent> history = fees.history(owner, feeId);
    return history.get(history.size() - 1);
  }

  private List<FeeEventType> types(UUID feeId) {
    return fees.history(owner, feeId).stream().map(FeeEvent::type).toList();
  }

  private static List<UUID> ids(Page<Fee> page) {
    return page.items().stream().map(Fee::id).toList();
  }

  /**
   * Runs the action, which must fail as given, and checks that the raw store of both tenants is
   * unchanged.
   */
  protected <T extends Throwable> T assertRefusedUnchanged(Class<T> expected, Executable action) {
    List<List<Map<String, Object>>> before = snapshot();
    T thrown = assertThrows(expected, action);
    assertEquals(before, snapshot(), "the store changed");
    return thrown;
  }

  private List<List<Map<String, Object>>> snapshot() {
    return List.of(rawFees().fees(tenant), rawFees().events(tenant), rawFees().fees(otherTenant),
        rawFees().events(otherTenant));
  }

  private static PaymentEvent event(String id, UUID feeId, String reference,
      @Nullable PaymentResult result) {
    return new PaymentEvent("test", id, "test.event", feeId, reference, result);
  }

  private static FeeEvent last(List<FeeEvent> history) {
    return history.get(history.size() - 1);
  }

  /** Runs the action, which must give that outcome, and checks that the raw store is unchanged. */
  private void assertRefusedUnchanged(PaymentEventOutcome expected,
      Supplier<PaymentEventOutcome> action) {
    List<List<Map<String, Object>>> before = snapshot();
    assertEquals(expected, action.get());
    assertEquals(before, snapshot(), "the store changed");
  }

  /** The same store, whose fee repository fails every time it would record a processed event. */
  private static PersistenceAdapter crashingOnRecord(PersistenceAdapter store) {
    FeeRepository real = store.fees();
    FeeRepository crashing = (FeeRepository) Proxy.newProxyInstance(
        FeeRepository.class.getClassLoader(), new Class<?>[] {FeeRepository.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordProcessedEvent")) {
            throw new IllegalStateException("the connection was lost before the record");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return new PersistenceAdapter() {
      @Override
      public TenantRepository tenants() {
        return store.tenants();
      }

      @Override
      public CustomerRepository customers() {
        return store.customers();
      }

      @Override
      public FeeRepository fees() {
        return crashing;
      }
    };
  }

  private static <T> List<T> race(int threads, java.util.function.IntFunction<T> task)
      throws Exception {
    return Races.race(threads, task);
  }
}
