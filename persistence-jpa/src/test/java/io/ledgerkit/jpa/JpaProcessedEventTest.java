package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.FieldError;
import io.ledgerkit.StorageException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.PaymentEvent;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.CustomerCandidates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL record of handled provider notifications on its own: the table migration V5
 * creates, what one record writes, that a repeated key and a string PostgreSQL would alter write
 * nothing, and that the record commits or rolls back with a host's transaction.
 */
class JpaProcessedEventTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final DataSource DATA_SOURCE = TestDatabase.pool();

  private final FeeRepository fees = TestDatabase.persistence().fees();
  private final JdbcFeeRawStore raw = TestDatabase.rawFees();
  private final TenantId tenant = CustomerCandidates.aTenant();
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));

  @Test
  void theTableHoldsOneRowPerTenantSourceAndEventIdWithItsChecks() throws SQLException {
    assertEquals(List.of(
            "tenant_id text NO", "source text NO", "event_id text NO", "event_type text NO",
            "fee_id uuid NO", "outcome text NO", "processed_at timestamp with time zone NO"),
        strings("select column_name || ' ' || data_type || ' ' || is_nullable"
            + " from information_schema.columns where table_schema = current_schema()"
            + " and table_name = 'ledgerkit_processed_event' order by ordinal_position"));
    assertEquals(List.of("ledgerkit_processed_event_pkey CREATE UNIQUE INDEX"
            + " ledgerkit_processed_event_pkey ON " + schema()
            + ".ledgerkit_processed_event USING btree (tenant_id, source, event_id)"),
        strings("select indexname || ' ' || indexdef from pg_indexes"
            + " where schemaname = current_schema() and tablename = 'ledgerkit_processed_event'"));

    ProcessedEvent event = record("stripe", "evt_1", PaymentEventOutcome.NOT_APPLIED);
    assertTrue(fees.recordProcessedEvent(event));

    Map<String, Object> row = new LinkedHashMap<>();
    row.put("tenant_id", tenant.value());
    row.put("source", "stripe");
    row.put("event_id", "evt_1");
    row.put("event_type", "checkout.session.completed");
    row.put("fee_id", event.feeId().toString());
    row.put("outcome", "notApplied");
    row.put("processed_at", AT);
    assertEquals(List.of(row), raw.processedEvents(tenant));
    assertEquals(event, fees.findProcessedEvent(tenant, "stripe", "evt_1").orElseThrow());

    String values = "'" + tenant.value() + "', 'stripe', 'evt_2', 't', gen_random_uuid(), ";
    for (String refused : List.of(
        "insert into ledgerkit_processed_event values (" + values + "'duplicate', now())",
        "insert into ledgerkit_processed_event values (" + values + "'ignored', now())",
        "insert into ledgerkit_processed_event values (" + values + "'APPLIED', now())",
        "insert into ledgerkit_processed_event values ('" + tenant.value()
            + "', '', 'evt_2', 't', gen_random_uuid(), 'applied', now())",
        "insert into ledgerkit_processed_event values ('" + tenant.value()
            + "', 'stripe', '', 't', gen_random_uuid(), 'applied', now())",
        "insert into ledgerkit_processed_event values ('" + tenant.value()
            + "', 'stripe', 'evt_2', '', gen_random_uuid(), 'applied', now())")) {
      SQLException check = assertThrows(SQLException.class, () -> executeRaw(refused), refused);
      assertEquals("23514", check.getSQLState(), refused);
    }
    assertEquals(List.of(row), raw.processedEvents(tenant));
  }

  @Test
  void aRecordedKeyWritesNothingAgainAndTheKeyIsTenantSourceAndEventId() {
    ProcessedEvent first = record("stripe", "evt_1", PaymentEventOutcome.APPLIED);
    assertTrue(fees.recordProcessedEvent(first));
    List<Map<String, Object>> before = raw.processedEvents(tenant);

    ProcessedEvent again = new ProcessedEvent(tenant, "stripe", "evt_1", "another.type",
        UUID.randomUUID(), PaymentEventOutcome.NOT_APPLIED, AT.plusSeconds(60));
    assertFalse(fees.recordProcessedEvent(again));
    assertFalse(fees.recordProcessedEvent(first));

    assertEquals(before, raw.processedEvents(tenant));
    assertEquals(first, fees.findProcessedEvent(tenant, "stripe", "evt_1").orElseThrow());
    assertTrue(fees.recordProcessedEvent(record("other", "evt_1", PaymentEventOutcome.APPLIED)));
    assertTrue(fees.recordProcessedEvent(record("stripe", "evt_1b", PaymentEventOutcome.APPLIED)));
    TenantId otherTenant = CustomerCandidates.aTenant();
    assertTrue(fees.recordProcessedEvent(new ProcessedEvent(otherTenant, "stripe", "evt_1",
        "t", UUID.randomUUID(), PaymentEventOutcome.APPLIED, AT)));
    assertEquals(3, raw.processedEvents(tenant).size());
    assertEquals(1, raw.processedEvents(otherTenant).size());
    assertTrue(fees.findProcessedEvent(tenant, "stripe", "EVT_1").isEmpty(), "ids are exact");
  }

  @Test
  void aStringPostgresqlWouldAlterIsRefusedAndNothingIsWritten() {
    for (String bad : List.of("a\uD800b", "a\uDC00", "a\u0000b")) {
      UUID fee = UUID.randomUUID();
      Map<String, Runnable> calls = new LinkedHashMap<>();
      calls.put("source", () -> fees.recordProcessedEvent(new ProcessedEvent(tenant, bad, "evt",
          "t", fee, PaymentEventOutcome.APPLIED, AT)));
      calls.put("eventId", () -> fees.recordProcessedEvent(new ProcessedEvent(tenant, "stripe",
          bad, "t", fee, PaymentEventOutcome.APPLIED, AT)));
      calls.put("type", () -> fees.recordProcessedEvent(new ProcessedEvent(tenant, "stripe",
          "evt", bad, fee, PaymentEventOutcome.APPLIED, AT)));
      calls.put("source ", () -> fees.findProcessedEvent(tenant, bad, "evt"));
      calls.put("eventId ", () -> fees.findProcessedEvent(tenant, "stripe", bad));
      for (Map.Entry<String, Runnable> call : calls.entrySet()) {
        ValidationException refused =
            assertThrows(ValidationException.class, call.getValue()::run, call.getKey());
        assertEquals(FieldError.INVALID_CHARACTERS, refused.errors().get(0).code());
        assertEquals(call.getKey().strip(), refused.errors().get(0).field());
      }
    }
    assertEquals(List.of(), raw.processedEvents(tenant));
  }

  @Test
  void aHostsRollbackRemovesTheRecordAndItsCommitKeepsIt() {
    ProcessedEvent rolledBack = record("stripe", "evt_rolled_back", PaymentEventOutcome.APPLIED);
    transaction.executeWithoutResult(status -> {
      assertTrue(fees.recordProcessedEvent(rolledBack));
      assertEquals(rolledBack, fees.findProcessedEvent(tenant, "stripe", "evt_rolled_back")
          .orElseThrow(), "seen inside");
      assertFalse(fees.recordProcessedEvent(rolledBack), "a duplicate inside");
      status.setRollbackOnly();
    });
    assertEquals(List.of(), raw.processedEvents(tenant));
    assertTrue(fees.findProcessedEvent(tenant, "stripe", "evt_rolled_back").isEmpty());

    ProcessedEvent committed = record("stripe", "evt_committed", PaymentEventOutcome.APPLIED);
    assertTrue(fees.recordProcessedEvent(committed));
    transaction.executeWithoutResult(status -> {
      // A key recorded before writes nothing and raises nothing: the host's transaction goes on.
      assertFalse(fees.recordProcessedEvent(committed));
      assertTrue(fees.recordProcessedEvent(rolledBack));
    });
    assertEquals(2, raw.processedEvents(tenant).size());
  }

  @Test
  void aNotificationHandledInAHostTransactionThatRollsBackIsHandledAgain() {
    FeeSdk sdk = new FeeSdk(TestDatabase.persistence());
    TenantId sdkTenant = sdk.staff.tenant();
    Caller member = Caller.of(sdkTenant.value(), "member-1", Role.MEMBER);
    Caller system = Caller.of(sdkTenant.value(), "stripe-webhook", Role.SYSTEM);
    Fee fee = sdk.assess();
    String reference = sdk.ledgerkit.fees().startPayment(member, fee.id()).session().reference();
    PaymentEvent paid = new PaymentEvent("stripe", "evt_paid", "checkout.session.completed",
        fee.id(), reference, PaymentResult.SUCCEEDED);

    transaction.executeWithoutResult(status -> {
      assertEquals(PaymentEventOutcome.APPLIED,
          sdk.ledgerkit.fees().recordPaymentEvent(system, paid));
      status.setRollbackOnly();
    });
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, sdk.stored(fee).status(), "the effect went too");
    assertEquals(List.of(), raw.processedEvents(sdkTenant));

    assertEquals(PaymentEventOutcome.APPLIED, sdk.ledgerkit.fees().recordPaymentEvent(system, paid));
    assertEquals(PaymentEventOutcome.DUPLICATE,
        sdk.ledgerkit.fees().recordPaymentEvent(system, paid));
    assertEquals(1, sdk.eventTypes(fee).stream()
        .filter(type -> type == FeeEventType.PAYMENT_SUCCESS).count());
    assertEquals(1, raw.processedEvents(sdkTenant).size());
  }

  @Test
  void aSchemaAtV4WithAPaidFeeIsMigratedToV5AndRecordsNotifications() throws SQLException {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try {
      Flyway.configure(JpaPersistence.class.getClassLoader()).dataSource(schema)
          .locations(JpaPersistence.MIGRATION_LOCATION).table(JpaPersistence.SCHEMA_HISTORY_TABLE)
          .baselineOnMigrate(true).baselineVersion("0").target("4").load().migrate();
      assertFalse(SchemaVersion.isCurrent(schema), "V4 is not the newest");

      try (JpaPersistence persistence = JpaPersistence.create(schema)) {
        assertTrue(SchemaVersion.isCurrent(schema));
        assertEquals(List.of("5"), query(schema, "select version from "
            + JpaPersistence.SCHEMA_HISTORY_TABLE + " order by installed_rank desc limit 1",
            row -> row.getString(1)));
        ProcessedEvent event = record("stripe", "evt_1", PaymentEventOutcome.APPLIED);
        assertTrue(persistence.fees().recordProcessedEvent(event));
        assertEquals(event,
            persistence.fees().findProcessedEvent(tenant, "stripe", "evt_1").orElseThrow());
      }
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aClosedAdapterReportsAStorageFailure() {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try {
      JpaPersistence closed = JpaPersistence.create(schema);
      closed.close();
      ProcessedEvent event = record("stripe", "evt_1", PaymentEventOutcome.APPLIED);
      assertThrows(StorageException.class, () -> closed.fees().recordProcessedEvent(event));
      assertThrows(StorageException.class,
          () -> closed.fees().findProcessedEvent(tenant, "stripe", "evt_1"));
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  private ProcessedEvent record(String source, String eventId, PaymentEventOutcome outcome) {
    return new ProcessedEvent(tenant, source, eventId, "checkout.session.completed",
        UUID.randomUUID(), outcome, AT);
  }

  private static String schema() throws SQLException {
    return strings("select current_schema()").get(0);
  }

  private static void executeRaw(String sql) throws SQLException {
    try (Connection connection = DATA_SOURCE.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> strings(String sql) throws SQLException {
    return query(DATA_SOURCE, sql, row -> row.getString(1));
  }

  /** A column reader that may fail as JDBC does. */
  @FunctionalInterface
  private interface Column<T> {
    T read(ResultSet row) throws SQLException;
  }

  private static <T> List<T> query(DataSource dataSource, String sql, Column<T> column)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      List<T> values = new ArrayList<>();
      while (result.next()) {
        values.add(column.read(result));
      }
      return values;
    }
  }
}
