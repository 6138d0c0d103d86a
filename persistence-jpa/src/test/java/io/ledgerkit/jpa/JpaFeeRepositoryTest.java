package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.FieldError;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
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
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.CustomerCandidates;
import io.ledgerkit.testkit.Serialization;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL fee store on its own: what it writes, the database's own guards (the append-only
 * log, the unique loan key), conflicts without stored values, exact amounts, and the read-only
 * entities a host queries.
 */
class JpaFeeRepositoryTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

  private final JpaPersistence persistence = TestDatabase.persistence();
  private final FeeRepository fees = persistence.fees();
  private final JdbcFeeRawStore raw = TestDatabase.rawFees();
  private final TenantId tenant = CustomerCandidates.aTenant();

  @Test
  void aFeeAndItsEventAreStoredAndReadBackExactly() {
    Fee fee = fee(tenant, "member-1", "loan-1", "2.50", "USD", AT);
    FeeEvent assessed = assessed(fee);

    assertTrue(fees.insert(fee, assessed));

    assertEquals(fee, fees.findById(tenant, fee.id()).orElseThrow());
    assertEquals(fee, fees.findByLoan(tenant, "member-1", "loan-1").orElseThrow());
    assertEquals(List.of(assessed), fees.events(tenant, fee.id()));
    assertEquals(new BigDecimal("2.50"), fees.findById(tenant, fee.id()).orElseThrow().amount());
    assertEquals(1, raw.fees(tenant).size());
    assertEquals(1, raw.events(tenant).size());
  }

  @Test
  void amountsKeepTheirScaleInTheColumnAndInTheDetails() throws SQLException {
    Fee usd = fee(tenant, "m", "l-usd", "2.50", "USD", AT);
    Fee jpy = fee(tenant, "m", "l-jpy", "500", "JPY", AT);
    Fee kwd = fee(tenant, "m", "l-kwd", "1.250", "KWD", AT);
    for (Fee fee : List.of(usd, jpy, kwd)) {
      assertTrue(fees.insert(fee, assessed(fee)));
      Fee read = fees.findById(tenant, fee.id()).orElseThrow();
      assertEquals(fee.amount().toPlainString(), read.amount().toPlainString());
      FeeEventDetails details = fees.events(tenant, fee.id()).get(0).details();
      assertEquals(fee.amount().toPlainString(), details.amount().toPlainString());
    }

    assertEquals(List.of("{\"amount\": 2.50, \"reason\": \"overdue\"}"),
        strings("select details::text from ledgerkit_fee_event where fee_id = '" + usd.id() + "'"));
    assertEquals(List.of("1.250"), strings("select (details->>'amount')::numeric::text"
        + " from ledgerkit_fee_event where fee_id = '" + kwd.id() + "'"));
  }

  @Test
  void everyPartOfTheDetailsRoundTrips() {
    Fee fee = fee(tenant, "m", null, "12.00", "EUR", AT);
    assertTrue(fees.insert(fee, assessed(fee)));
    List<FeeEventDetails> all = List.of(
        new FeeEventDetails(new BigDecimal("13.10"), new BigDecimal("12.00"), FeeReason.LOST, 3,
            "cs_test_1", "https://pay.example/cs_test_1?a=1&b=\"2\"", PaymentResult.CANCELED,
            "canceled->unpaid", ManualPaymentMethod.POS, "card_declined"),
        FeeEventDetails.NONE);
    Fee current = fee;
    for (FeeEventDetails details : all) {
      Fee next = noted(current, "n\u00e9 \uD83D\uDE00 \"quoted\"", current.updatedAt().plusSeconds(1));
      FeeEvent event = event(next, FeeEventType.NOTE, current.status(), details);
      assertTrue(fees.applyTransition(new FeeTransition(next, current.version(), event)));
      current = next;
    }

    List<FeeEvent> events = fees.events(tenant, fee.id());
    assertEquals(3, events.size());
    assertEquals(all.get(0), events.get(1).details());
    assertEquals(FeeEventDetails.NONE, events.get(2).details());
    assertEquals(current, fees.findById(tenant, fee.id()).orElseThrow());
  }

  @Test
  void aTakenLoanKeyStoresNothingAndAnswersFalse() {
    Fee first = fee(tenant, "member-1", "loan-1", "2.50", "USD", AT);
    assertTrue(fees.insert(first, assessed(first)));
    List<Map<String, Object>> feesBefore = raw.fees(tenant);
    List<Map<String, Object>> eventsBefore = raw.events(tenant);

    Fee again = fee(tenant, "member-1", "loan-1", "4.00", "USD", AT.plusSeconds(5));
    assertFalse(fees.insert(again, assessed(again)));

    assertEquals(feesBefore, raw.fees(tenant));
    assertEquals(eventsBefore, raw.events(tenant));
    Fee otherUser = fee(tenant, "member-2", "loan-1", "4.00", "USD", AT);
    Fee otherTenant = fee(CustomerCandidates.aTenant(), "member-1", "loan-1", "4.00", "USD", AT);
    assertTrue(fees.insert(otherUser, assessed(otherUser)), "the key includes the user");
    assertTrue(fees.insert(otherTenant, assessed(otherTenant)), "and the tenant");
  }

  @Test
  void feesWithoutALoanAreNeverMerged() {
    Fee first = fee(tenant, "member-1", null, "2.50", "USD", AT);
    Fee second = fee(tenant, "member-1", null, "2.50", "USD", AT);

    assertTrue(fees.insert(first, assessed(first)));
    assertTrue(fees.insert(second, assessed(second)));
    assertEquals(2, raw.fees(tenant).size());
  }

  @Test
  void aTakenIdIsAConflictThatSerializesAndCarriesNoStoredValue() throws Exception {
    String secretUser = "member-Secretuser";
    String secretLoan = "loan-Secretloan";
    String secretNote = "Secretnote";
    Fee first = withNote(fee(tenant, secretUser, secretLoan, "2.50", "USD", AT), secretNote);
    assertTrue(fees.insert(first, assessed(first)));
    List<Map<String, Object>> feesBefore = raw.fees(tenant);
    List<Map<String, Object>> eventsBefore = raw.events(tenant);
    TenantId otherTenant = CustomerCandidates.aTenant();

    // Ids are unique within their tenant, the primary key being (tenant_id, id).
    for (TenantId into : List.of(tenant)) {
      Fee sameId = withNote(new Fee(first.id(), into, secretUser, secretLoan + "-2",
          new BigDecimal("9.99"), Currency.getInstance("USD"), FeeStatus.UNPAID, AT,
          FeeReason.OVERDUE, null, 0, null, true, AT, AT, 1), secretNote);

      ConflictException conflict =
          assertThrows(ConflictException.class, () -> fees.insert(sameId, assessed(sameId)));

      assertEquals("fee", conflict.entity());
      assertEquals(into, conflict.tenant());
      assertEquals(first.id(), conflict.id());
      assertTrue(conflict.getMessage().contains("the id is taken"), conflict.getMessage());
      assertInstanceOf(DriverFailure.class, conflict.getCause());
      ConflictException copy = Serialization.roundTrip(conflict);
      assertEquals(conflict.getMessage(), copy.getMessage());
      assertEquals(first.id(), copy.id());
      assertEquals(into, copy.tenant());
      String everything = Serialization.everythingShownBy(conflict);
      for (String secret : List.of("Secretuser", "Secretloan", secretNote, "9.99", "2.50")) {
        assertFalse(everything.contains(secret), "the conflict carries " + secret);
      }
    }
    assertEquals(feesBefore, raw.fees(tenant));
    assertEquals(eventsBefore, raw.events(tenant));
    assertEquals(List.of(), raw.fees(otherTenant));
    assertEquals(List.of(), raw.events(otherTenant));
  }

  @Test
  void aTakenEventIdIsAConflictAndTheFeeIsNotStoredEither() {
    Fee first = fee(tenant, "m", "l1", "2.50", "USD", AT);
    FeeEvent firstEvent = assessed(first);
    assertTrue(fees.insert(first, firstEvent));
    Fee second = fee(tenant, "m", "l2", "2.50", "USD", AT);
    FeeEvent reused = new FeeEvent(firstEvent.id(), tenant, second.id(), 1, FeeEventType.ASSESSED,
        AT, "staff-1", null, FeeStatus.UNPAID, FeeStatus.UNPAID, FeeEventDetails.NONE);

    ConflictException conflict =
        assertThrows(ConflictException.class, () -> fees.insert(second, reused));

    assertTrue(conflict.getMessage().contains("the event's id is taken"), conflict.getMessage());
    assertEquals(1, raw.fees(tenant).size());
    assertEquals(1, raw.events(tenant).size());
  }

  @Test
  void aTransitionAppliesOnlyAtTheExpectedVersionAndOnlyInItsTenant() {
    Fee fee = fee(tenant, "m", "l", "2.50", "USD", AT);
    assertTrue(fees.insert(fee, assessed(fee)));
    Fee waived = moved(fee, FeeStatus.WAIVED, AT.plusSeconds(60));
    FeeEvent event = event(waived, FeeEventType.WAIVED, FeeStatus.UNPAID, FeeEventDetails.NONE);
    List<Map<String, Object>> feesBefore = raw.fees(tenant);
    List<Map<String, Object>> eventsBefore = raw.events(tenant);

    Fee stale = moved(moved(fee, FeeStatus.PAYMENT_IN_PROGRESS, AT), FeeStatus.WAIVED, AT);
    assertFalse(fees.applyTransition(new FeeTransition(stale, 2,
        event(stale, FeeEventType.WAIVED, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    Fee elsewhere = inTenant(waived, CustomerCandidates.aTenant());
    assertFalse(fees.applyTransition(new FeeTransition(elsewhere, 1,
        event(elsewhere, FeeEventType.WAIVED, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    Fee missing = inId(waived, UUID.randomUUID());
    assertFalse(fees.applyTransition(new FeeTransition(missing, 1,
        event(missing, FeeEventType.WAIVED, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    assertEquals(feesBefore, raw.fees(tenant));
    assertEquals(eventsBefore, raw.events(tenant));

    assertTrue(fees.applyTransition(new FeeTransition(waived, 1, event)));
    assertFalse(fees.applyTransition(new FeeTransition(waived, 1, event(waived,
        FeeEventType.WAIVED, FeeStatus.UNPAID, FeeEventDetails.NONE))), "the version moved on");

    assertEquals(waived, fees.findById(tenant, fee.id()).orElseThrow());
    assertEquals(List.of(assessed(fee).feeVersion(), 2L),
        fees.events(tenant, fee.id()).stream().map(FeeEvent::feeVersion).toList());
  }

  @Test
  void readsAreScopedByTenant() {
    Fee fee = fee(tenant, "m", "l", "2.50", "USD", AT);
    assertTrue(fees.insert(fee, assessed(fee)));
    TenantId other = CustomerCandidates.aTenant();

    assertTrue(fees.findById(other, fee.id()).isEmpty());
    assertTrue(fees.findByLoan(other, "m", "l").isEmpty());
    assertEquals(List.of(), fees.events(other, fee.id()));
    assertEquals(0, fees.find(other, FeeFilter.all(), PageRequest.FIRST).total());
  }

  @Test
  void listingsAreNewestFirstThenByIdAsTextAndFiltered() {
    List<Fee> stored = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Three pairs share a creation time, so the id decides within each.
      Fee fee = fee(tenant, i % 2 == 0 ? "member-1" : "member-2", "loan-" + i,
          (i + 1) + ".00", "USD", AT.plusSeconds(i / 2));
      assertTrue(fees.insert(fee, assessed(fee)));
      stored.add(fee);
    }
    Fee paid = moved(stored.get(0), FeeStatus.PAID, AT.plusSeconds(10));
    assertTrue(fees.applyTransition(new FeeTransition(paid, 1,
        event(paid, FeeEventType.PAYMENT_SUCCESS, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    stored.set(0, paid);
    Fee deleted = deactivated(moved(stored.get(1), FeeStatus.CANCELED, AT.plusSeconds(11)));
    assertTrue(fees.applyTransition(new FeeTransition(deleted, 1,
        event(deleted, FeeEventType.CANCELED, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    stored.set(1, deleted);
    Comparator<Fee> newestFirst = Comparator.comparing(Fee::createdAt)
        .thenComparing(fee -> fee.id().toString()).reversed();

    Page<Fee> all = fees.find(tenant, FeeFilter.all().includingInactive(), PageRequest.of(0, 4));
    assertEquals(6, all.total());
    assertEquals(stored.stream().sorted(newestFirst).limit(4).toList(), all.items());
    Page<Fee> rest = fees.find(tenant, FeeFilter.all().includingInactive(), PageRequest.of(4, 4));
    assertEquals(stored.stream().sorted(newestFirst).skip(4).toList(), rest.items());

    assertEquals(5, fees.find(tenant, FeeFilter.all(), PageRequest.FIRST).total(), "active only");
    assertEquals(List.of(stored.get(4), stored.get(2)), fees.find(tenant,
        FeeFilter.all().withUserId("member-1").withStatus(FeeStatus.UNPAID), PageRequest.FIRST)
        .items());
    assertEquals(List.of(stored.get(3)), fees.find(tenant,
        FeeFilter.all().withLoanId("loan-3"), PageRequest.FIRST).items());
    assertEquals(stored.subList(2, 4).stream().sorted(newestFirst).toList(), fees.find(tenant,
        FeeFilter.all().withAmountBetween(new BigDecimal("3"), new BigDecimal("4.000")),
        PageRequest.FIRST).items());
    assertEquals(1, fees.find(tenant, FeeFilter.all().withStatus(FeeStatus.PAID)
        .withReason(FeeReason.OVERDUE), PageRequest.FIRST).total());
    assertEquals(0, fees.find(tenant, FeeFilter.all().withReason(FeeReason.LOST),
        PageRequest.FIRST).total());
    Page<Fee> beyond = fees.find(tenant, FeeFilter.all(), PageRequest.of(10, 5));
    assertEquals(List.of(), beyond.items());
    assertEquals(5, beyond.total());
  }

  @Test
  void valuesPostgresqlWouldAlterAreRefusedBeforeAnyStatement() {
    TenantId unused = CustomerCandidates.aTenant();
    for (String bad : List.of("a\uD800b", "a\uDC00", "a\u0000b")) {
      Fee clean = fee(unused, "m", "l", "2.50", "USD", AT);
      Fee badNote = withNote(clean, bad);
      Fee badUser = fee(unused, bad, "l", "2.50", "USD", AT);
      Fee badLoan = fee(unused, "m", bad, "2.50", "USD", AT);
      List<Runnable> calls = List.of(
          () -> fees.insert(badNote, assessed(badNote)),
          () -> fees.insert(badUser, assessed(badUser)),
          () -> fees.insert(badLoan, assessed(badLoan)),
          () -> fees.insert(clean, withActor(assessed(clean), bad)),
          () -> fees.insert(clean, withDetailsError(assessed(clean), bad)),
          () -> fees.findByLoan(unused, bad, "l"),
          () -> fees.findByLoan(unused, "m", bad),
          () -> fees.find(unused, FeeFilter.all().withUserId(bad), PageRequest.FIRST),
          () -> fees.find(unused, FeeFilter.all().withLoanId(bad), PageRequest.FIRST));
      for (Runnable call : calls) {
        ValidationException refused = assertThrows(ValidationException.class, call::run);
        assertEquals(FieldError.INVALID_CHARACTERS, refused.errors().get(0).code());
      }
    }
    assertEquals(List.of(), raw.fees(unused));
    assertEquals(List.of(), raw.events(unused));

    Fee fee = fee(tenant, "m", "l", "2.50", "USD", AT);
    assertTrue(fees.insert(fee, assessed(fee)));
    Fee noted = noted(fee, "bad \uDC00", AT.plusSeconds(1));
    assertThrows(ValidationException.class, () -> fees.applyTransition(new FeeTransition(noted, 1,
        event(noted, FeeEventType.NOTE, FeeStatus.UNPAID, FeeEventDetails.NONE))));
    assertEquals(fee, fees.findById(tenant, fee.id()).orElseThrow());
    assertEquals(1, raw.events(tenant).size());
  }

  @Test
  void theEventLogRefusesUpdateDeleteTruncateAndUpsertsInTheDatabase() throws SQLException {
    Fee fee = fee(tenant, "m", "l", "2.50", "USD", AT);
    assertTrue(fees.insert(fee, assessed(fee)));
    List<Map<String, Object>> before = raw.events(tenant);
    String mine = " where tenant_id = '" + tenant.value() + "'";

    for (String sql : List.of(
        "update ledgerkit_fee_event set note = 'rewritten'" + mine,
        "update ledgerkit_fee_event set note = 'none'" + mine + " and false",
        "delete from ledgerkit_fee_event" + mine,
        "delete from ledgerkit_fee_event where false",
        "truncate ledgerkit_fee_event",
        "insert into ledgerkit_fee_event select * from ledgerkit_fee_event" + mine
            + " on conflict (tenant_id, id) do update set note = 'upserted'")) {
      SQLException refused = assertThrows(SQLException.class, () -> executeRaw(sql), sql);
      assertEquals("23001", refused.getSQLState(), sql);
      assertTrue(refused.getMessage().contains("ledgerkit_fee_event is append-only"), sql);
    }
    assertEquals(before, raw.events(tenant));

    SQLException orphan = assertThrows(SQLException.class, () -> executeRaw(
        "delete from ledgerkit_fee" + mine));
    assertEquals("23503", orphan.getSQLState(), "a fee with events cannot be deleted");
    assertEquals(1, raw.fees(tenant).size());
  }

  @Test
  void anEventMustBelongToAFeeOfItsTenant() {
    Fee fee = fee(tenant, "m", "l", "2.50", "USD", AT);
    assertTrue(fees.insert(fee, assessed(fee)));

    SQLException refused = assertThrows(SQLException.class, () -> executeRaw(
        "insert into ledgerkit_fee_event (id, tenant_id, fee_id, fee_version, event_type,"
            + " event_type_idx, event_date, actor_user_id, from_status, to_status)"
            + " values (gen_random_uuid(), 'another tenant', '" + fee.id() + "', 2, 'note', 6,"
            + " now(), 'x', 'unpaid', 'unpaid')"));
    assertEquals("23503", refused.getSQLState());
  }

  @Test
  void theHostReadsFeesAndEventsInJpql() {
    Fee fee = fee(tenant, "member-1", "loan-1", "2.50", "USD", AT);
    FeeEvent event = assessed(fee);
    assertTrue(fees.insert(fee, event));

    try (Session session = persistence.sessionFactory().openSession()) {
      FeeEntity entity = session.createSelectionQuery(
              "from LedgerkitFee f where f.tenantId = :tenant and f.loanId = :loan", FeeEntity.class)
          .setParameter("tenant", tenant.value())
          .setParameter("loan", "loan-1")
          .getSingleResult();
      assertEquals(fee, entity.toFee());
      List<FeeEventEntity> events = session.createSelectionQuery(
              "select e from LedgerkitFeeEvent e join LedgerkitFee f on f.id = e.feeId"
                  + " where f.tenantId = :tenant and f.status = 'unpaid' order by e.feeVersion",
              FeeEventEntity.class)
          .setParameter("tenant", tenant.value())
          .getResultList();
      assertEquals(List.of(event), events.stream().map(FeeEventEntity::toEvent).toList());
      assertEquals(new BigDecimal("2.50"), session.createSelectionQuery(
              "select sum(f.amount) from LedgerkitFee f where f.tenantId = :tenant",
              BigDecimal.class)
          .setParameter("tenant", tenant.value())
          .getSingleResult());
    }
  }

  // --- fixtures

  static Fee fee(TenantId tenant, String userId, String loanId, String amount, String currency,
      Instant at) {
    return new Fee(UUID.randomUUID(), tenant, userId, loanId, new BigDecimal(amount),
        Currency.getInstance(currency), FeeStatus.UNPAID, at, FeeReason.OVERDUE, null, 0, null,
        true, at, at, 1);
  }

  static FeeEvent assessed(Fee fee) {
    return new FeeEvent(UUID.nameUUIDFromBytes((fee.id() + "/1").getBytes(StandardCharsets.UTF_8)),
        fee.tenant(), fee.id(), 1, FeeEventType.ASSESSED, fee.createdAt(), "staff-1", fee.note(),
        FeeStatus.UNPAID, FeeStatus.UNPAID,
        new FeeEventDetails(fee.amount(), null, fee.reason(), null, null, null, null, null, null,
            null));
  }

  static FeeEvent event(Fee after, FeeEventType type, FeeStatus from, FeeEventDetails details) {
    return new FeeEvent(UUID.randomUUID(), after.tenant(), after.id(), after.version(), type,
        after.updatedAt(), "staff-1", after.note(), from, after.status(), details);
  }

  static Fee moved(Fee fee, FeeStatus status, Instant at) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), status, at, fee.reason(), fee.note(), fee.paymentAttempts(),
        fee.paymentReference(), fee.active(), fee.createdAt(), at, fee.version() + 1);
  }

  static Fee noted(Fee fee, String note, Instant at) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), fee.status(), fee.statusUpdateDate(), fee.reason(), note,
        fee.paymentAttempts(), fee.paymentReference(), fee.active(), fee.createdAt(), at,
        fee.version() + 1);
  }

  private static Fee withNote(Fee fee, String note) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), fee.status(), fee.statusUpdateDate(), fee.reason(), note,
        fee.paymentAttempts(), fee.paymentReference(), fee.active(), fee.createdAt(),
        fee.updatedAt(), fee.version());
  }

  private static Fee deactivated(Fee fee) {
    return new Fee(fee.id(), fee.tenant(), fee.userId(), fee.loanId(), fee.amount(),
        fee.currency(), fee.status(), fee.statusUpdateDate(), fee.reason(), fee.note(),
        fee.paymentAttempts(), fee.paymentReference(), false, fee.createdAt(), fee.updatedAt(),
        fee.version());
  }

  private static Fee inTenant(Fee fee, TenantId tenant) {
    return new Fee(fee.id(), tenant, fee.userId(), fee.loanId(), fee.amount(), fee.currency(),
        fee.status(), fee.statusUpdateDate(), fee.reason(), fee.note(), fee.paymentAttempts(),
        fee.paymentReference(), fee.active(), fee.createdAt(), fee.updatedAt(), fee.version());
  }

  private static Fee inId(Fee fee, UUID id) {
    return new Fee(id, fee.tenant(), fee.userId(), fee.loanId(), fee.amount(), fee.currency(),
        fee.status(), fee.statusUpdateDate(), fee.reason(), fee.note(), fee.paymentAttempts(),
        fee.paymentReference(), fee.active(), fee.createdAt(), fee.updatedAt(), fee.version());
  }

  private static FeeEvent withActor(FeeEvent event, String actor) {
    return new FeeEvent(event.id(), event.tenant(), event.feeId(), event.feeVersion(),
        event.type(), event.eventDate(), actor, event.note(), event.fromStatus(),
        event.toStatus(), event.details());
  }

  private static FeeEvent withDetailsError(FeeEvent event, String error) {
    return new FeeEvent(event.id(), event.tenant(), event.feeId(), event.feeVersion(),
        event.type(), event.eventDate(), event.actorUserId(), event.note(), event.fromStatus(),
        event.toStatus(),
        new FeeEventDetails(null, null, null, 1, null, null, null, null, null, error));
  }

  private static void executeRaw(String sql) throws SQLException {
    try (Connection connection = TestDatabase.pool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> strings(String sql) throws SQLException {
    try (Connection connection = TestDatabase.pool().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }



}
