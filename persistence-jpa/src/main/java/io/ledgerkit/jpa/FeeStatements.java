package io.ledgerkit.jpa;

import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.FeeTransition;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fee path's statements as fixed SQL text, bound and read with plain JDBC (as {@link
 * CustomerStatements}: rendering through jOOQ on every call cost more than the database's work).
 * A write of a fee and its event is one statement, a data-modifying {@code WITH}: the event is
 * inserted from what the fee's insert or update returned, so both happen or neither, in one round
 * trip. A handled provider notification is recorded by one {@code INSERT ... ON CONFLICT DO
 * NOTHING} on its key. Every statement is scoped by {@code tenant_id}.
 */
final class FeeStatements {

  static final String FEE_TABLE = "ledgerkit_fee";
  static final String EVENT_TABLE = "ledgerkit_fee_event";
  static final String PROCESSED_TABLE = "ledgerkit_processed_event";
  /** The fee's primary key constraint, as PostgreSQL names it. */
  static final String FEE_PRIMARY_KEY = "ledgerkit_fee_pkey";
  /** The event's primary key constraint, as PostgreSQL names it. */
  static final String EVENT_PRIMARY_KEY = "ledgerkit_fee_event_pkey";

  static final String FEE_COLUMNS = "id, tenant_id, user_id, loan_id, amount, currency, status,"
      + " status_idx, status_update_date, reason, reason_idx, note, payment_attempts,"
      + " payment_reference, is_active, created_at, updated_at, version";

  static final String EVENT_COLUMNS = "id, tenant_id, fee_id, fee_version, event_type,"
      + " event_type_idx, event_date, actor_user_id, note, from_status, to_status, details";

  static final String PROCESSED_COLUMNS = "tenant_id, source, event_id, event_type, fee_id,"
      + " outcome, processed_at";

  private static final String EVENT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb";

  /**
   * Inserts the fee unless its {@code (tenant, user, loan)} is taken, and its first event only if
   * the fee was inserted. A taken id is a unique violation of the primary key.
   */
  static final String INSERT = "with fee as (insert into " + FEE_TABLE + " (" + FEE_COLUMNS + ")"
      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " on conflict (tenant_id, user_id, loan_id) where loan_id is not null do nothing"
      + " returning id)"
      + " insert into " + EVENT_TABLE + " (" + EVENT_COLUMNS + ")"
      + " select " + EVENT_VALUES + " from fee";

  /**
   * Moves the fee on if it is still at the expected version, and inserts the event only if it
   * moved. The constant parts (user, loan, currency, creation time) are not written.
   */
  static final String APPLY = "with moved as (update " + FEE_TABLE + " set"
      + " amount = ?, status = ?, status_idx = ?, status_update_date = ?, reason = ?,"
      + " reason_idx = ?, note = ?, payment_attempts = ?, payment_reference = ?, is_active = ?,"
      + " updated_at = ?, version = ?"
      + " where id = ? and tenant_id = ? and version = ?"
      + " returning id)"
      + " insert into " + EVENT_TABLE + " (" + EVENT_COLUMNS + ")"
      + " select " + EVENT_VALUES + " from moved";

  static final String BY_ID = "select " + FEE_COLUMNS + " from " + FEE_TABLE
      + " where id = ? and tenant_id = ?";

  static final String BY_LOAN = "select " + FEE_COLUMNS + " from " + FEE_TABLE
      + " where tenant_id = ? and user_id = ? and loan_id = ?";

  static final String EVENTS = "select " + EVENT_COLUMNS + " from " + EVENT_TABLE
      + " where tenant_id = ? and fee_id = ? order by fee_version";

  /**
   * Records a handled notification unless its {@code (tenant, source, event id)} is recorded
   * already: then it writes nothing and reports no row. A concurrent recording of the same key
   * waits for the first to commit, then writes nothing either.
   */
  static final String RECORD_PROCESSED = "insert into " + PROCESSED_TABLE
      + " (" + PROCESSED_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)"
      + " on conflict (tenant_id, source, event_id) do nothing";

  static final String PROCESSED_BY_KEY = "select " + PROCESSED_COLUMNS + " from "
      + PROCESSED_TABLE + " where tenant_id = ? and source = ? and event_id = ?";

  /**
   * Newest first; ties by id descending. A {@code uuid} orders by its bytes, which is the order of
   * its lower-case text form, so this is "id as text" as on every engine, and the listing index
   * {@code (tenant_id, created_at desc, id desc)} serves it.
   */
  private static final String NEWEST_FIRST = " order by created_at desc, id desc";

  private FeeStatements() {}

  /** @return whether the fee and its event were inserted; false if its loan key is taken */
  static boolean insert(Connection connection, Fee fee, FeeEvent assessed) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      int next = bindFee(statement, 1, fee);
      bindEvent(statement, next, assessed);
      return statement.executeUpdate() == 1;
    }
  }

  /** @return whether the fee moved on and its event was inserted */
  static boolean apply(Connection connection, FeeTransition transition) throws SQLException {
    Fee fee = transition.next();
    try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
      int i = 1;
      statement.setBigDecimal(i++, fee.amount());
      statement.setString(i++, fee.status().apiName());
      statement.setShort(i++, (short) fee.status().index());
      Rows.setInstant(statement, i++, fee.statusUpdateDate());
      statement.setString(i++, fee.reason().apiName());
      statement.setShort(i++, (short) fee.reason().index());
      Rows.setText(statement, i++, fee.note());
      statement.setInt(i++, fee.paymentAttempts());
      Rows.setText(statement, i++, fee.paymentReference());
      statement.setBoolean(i++, fee.active());
      Rows.setInstant(statement, i++, fee.updatedAt());
      statement.setLong(i++, fee.version());
      statement.setObject(i++, fee.id());
      statement.setString(i++, fee.tenant().value());
      statement.setLong(i++, transition.expectedVersion());
      bindEvent(statement, i, transition.event());
      return statement.executeUpdate() == 1;
    }
  }

  static Optional<Fee> byId(Connection connection, TenantId tenant, UUID id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
      statement.setObject(1, id);
      statement.setString(2, tenant.value());
      return single(statement, tenant);
    }
  }

  static Optional<Fee> byLoan(Connection connection, TenantId tenant, String userId, String loanId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_LOAN)) {
      statement.setString(1, tenant.value());
      statement.setString(2, userId);
      statement.setString(3, loanId);
      return single(statement, tenant);
    }
  }

  static List<FeeEvent> events(Connection connection, TenantId tenant, UUID feeId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(EVENTS)) {
      statement.setString(1, tenant.value());
      statement.setObject(2, feeId);
      List<FeeEvent> events = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          events.add(event(row, tenant));
        }
      }
      return events;
    }
  }

  /** @return whether the record was inserted; false if its key was recorded before */
  static boolean recordProcessed(Connection connection, ProcessedEvent event) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECORD_PROCESSED)) {
      statement.setString(1, event.tenant().value());
      statement.setString(2, event.source());
      statement.setString(3, event.eventId());
      statement.setString(4, event.type());
      statement.setObject(5, event.feeId());
      statement.setString(6, event.outcome().apiName());
      Rows.setInstant(statement, 7, event.processedAt());
      return statement.executeUpdate() == 1;
    }
  }

  static Optional<ProcessedEvent> processed(Connection connection, TenantId tenant, String source,
      String eventId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(PROCESSED_BY_KEY)) {
      statement.setString(1, tenant.value());
      statement.setString(2, source);
      statement.setString(3, eventId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new ProcessedEvent(Rows.tenant(row.getString(1), tenant), row.getString(2),
            row.getString(3), row.getString(4), row.getObject(5, UUID.class),
            outcome(row.getString(6)), Rows.instant(row, 7)));
      }
    }
  }

  /**
   * The criteria of a listing as a {@code WHERE} clause of fixed fragments, every value a bound
   * parameter, the tenant first.
   */
  static final class Matching implements Transactor.Listing<Fee> {
    private final StringBuilder where =
        new StringBuilder(" where ").append(Rows.TENANT_UNKNOWN_TO_PLANNER);
    private final TenantId tenant;
    private final List<Object> values = new ArrayList<>();

    Matching(TenantId tenant, FeeFilter filter) {
      this.tenant = tenant;
      values.add(tenant.value());
      if (!filter.includeInactive()) {
        where.append(" and is_active");
      }
      add(" and user_id = ?", filter.userId());
      add(" and loan_id = ?", filter.loanId());
      add(" and amount >= ?", filter.minAmount());
      add(" and amount <= ?", filter.maxAmount());
      add(" and status = ?", filter.status() == null ? null : filter.status().apiName());
      add(" and reason = ?", filter.reason() == null ? null : filter.reason().apiName());
    }

    private void add(String condition, @Nullable Object value) {
      if (value != null) {
        where.append(condition);
        values.add(value);
      }
    }

    @Override
    public long count(Connection connection) throws SQLException {
      return Rows.count(connection, "select count(*) from " + FEE_TABLE + where, values);
    }

    @Override
    public List<Fee> page(Connection connection, int offset, int limit) throws SQLException {
      return Rows.page(connection, "select " + FEE_COLUMNS + " from " + FEE_TABLE + where
          + NEWEST_FIRST + " limit ? offset ?", values, offset, limit, row -> fee(row, tenant));
    }
  }

  private static Optional<Fee> single(PreparedStatement statement, TenantId tenant)
      throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(fee(row, tenant)) : Optional.empty();
    }
  }

  /** Binds the 18 columns of {@link #FEE_COLUMNS} from {@code first}; returns the next index. */
  private static int bindFee(PreparedStatement statement, int first, Fee fee) throws SQLException {
    int i = first;
    statement.setObject(i++, fee.id());
    statement.setString(i++, fee.tenant().value());
    statement.setString(i++, fee.userId());
    Rows.setText(statement, i++, fee.loanId());
    statement.setBigDecimal(i++, fee.amount());
    statement.setString(i++, fee.currency().getCurrencyCode());
    statement.setString(i++, fee.status().apiName());
    statement.setShort(i++, (short) fee.status().index());
    Rows.setInstant(statement, i++, fee.statusUpdateDate());
    statement.setString(i++, fee.reason().apiName());
    statement.setShort(i++, (short) fee.reason().index());
    Rows.setText(statement, i++, fee.note());
    statement.setInt(i++, fee.paymentAttempts());
    Rows.setText(statement, i++, fee.paymentReference());
    statement.setBoolean(i++, fee.active());
    Rows.setInstant(statement, i++, fee.createdAt());
    Rows.setInstant(statement, i++, fee.updatedAt());
    statement.setLong(i++, fee.version());
    return i;
  }

  /** Binds the 12 columns of {@link #EVENT_COLUMNS} from {@code first}; returns the next index. */
  private static int bindEvent(PreparedStatement statement, int first, FeeEvent event)
      throws SQLException {
    int i = first;
    statement.setObject(i++, event.id());
    statement.setString(i++, event.tenant().value());
    statement.setObject(i++, event.feeId());
    statement.setLong(i++, event.feeVersion());
    statement.setString(i++, event.type().apiName());
    statement.setShort(i++, (short) event.type().index());
    Rows.setInstant(statement, i++, event.eventDate());
    statement.setString(i++, event.actorUserId());
    Rows.setText(statement, i++, event.note());
    statement.setString(i++, event.fromStatus().apiName());
    statement.setString(i++, event.toStatus().apiName());
    statement.setString(i++, FeeDetailsJson.write(event.details()));
    return i;
  }



  /** Reads a row of {@link #FEE_COLUMNS}; its tenant is {@code scope} when stored exactly so. */
  static Fee fee(ResultSet row, TenantId scope) throws SQLException {
    return new Fee(row.getObject(1, UUID.class), Rows.tenant(row.getString(2), scope),
        row.getString(3), row.getString(4), row.getBigDecimal(5),
        Currency.getInstance(row.getString(6)), status(row.getString(7)), Rows.instant(row, 9),
        reason(row.getString(10)), row.getString(12), row.getInt(13), row.getString(14),
        row.getBoolean(15), Rows.instant(row, 16), Rows.instant(row, 17), row.getLong(18));
  }

  /** Reads a row of {@link #EVENT_COLUMNS}; its tenant is {@code scope} when stored exactly so. */
  static FeeEvent event(ResultSet row, TenantId scope) throws SQLException {
    return new FeeEvent(row.getObject(1, UUID.class), Rows.tenant(row.getString(2), scope),
        row.getObject(3, UUID.class), row.getLong(4), eventType(row.getString(5)),
        Rows.instant(row, 7), row.getString(8), row.getString(9), status(row.getString(10)),
        status(row.getString(11)), FeeDetailsJson.read(row.getString(12)));
  }


  static FeeStatus status(String stored) {
    return FeeStatus.ofApiName(stored)
        .orElseThrow(() -> new IllegalStateException("an unknown fee status is stored"));
  }

  static FeeReason reason(String stored) {
    return FeeReason.ofApiName(stored)
        .orElseThrow(() -> new IllegalStateException("an unknown fee reason is stored"));
  }

  static FeeEventType eventType(String stored) {
    return FeeEventType.ofApiName(stored)
        .orElseThrow(() -> new IllegalStateException("an unknown fee event type is stored"));
  }

  static PaymentEventOutcome outcome(String stored) {
    return PaymentEventOutcome.ofApiName(stored)
        .orElseThrow(() -> new IllegalStateException("an unknown notification outcome is stored"));
  }

}
