package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.tenant.TenantId;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * The baseline on PostgreSQL: the JDBC a host would write by hand against the SDK's own table
 * {@code ledgerkit_customer}, with the SDK's merge rule (a repeated phone updates the stored
 * customer: the new name unless it is the default one, given fields over stored ones, active
 * again, next version). It trusts its input: phones arrive in E.164 and nothing is validated.
 * Reads map the row to the SDK's {@link Customer}, so that both sides hand back the same thing.
 */
final class HandWrittenJdbc {

  private static final String COLUMNS = "id, tenant_id, name, phone, contact_name, contact_email,"
      + " address, tax_number, notes, is_active, created_at, updated_at, version";

  private static final String INSERT = "INSERT INTO ledgerkit_customer AS c (id, tenant_id, name,"
      + " phone, is_active, created_at, updated_at, version) VALUES (?, ?, ?, ?, true, ?, ?, 1)";

  private static final String MERGE = " ON CONFLICT (tenant_id, phone) DO UPDATE SET"
      + " name = CASE WHEN excluded.name = '" + Customer.DEFAULT_NAME + "' THEN c.name"
      + " ELSE excluded.name END,"
      + " contact_name = coalesce(excluded.contact_name, c.contact_name),"
      + " contact_email = coalesce(excluded.contact_email, c.contact_email),"
      + " address = coalesce(excluded.address, c.address),"
      + " tax_number = coalesce(excluded.tax_number, c.tax_number),"
      + " notes = coalesce(excluded.notes, c.notes),"
      + " is_active = true, updated_at = excluded.updated_at, version = c.version + 1";

  /** One create with dedup: one statement, in auto-commit, telling new from merged. */
  static final String UPSERT_RETURNING =
      INSERT + MERGE + " RETURNING " + COLUMNS + ", (xmax = 0) AS inserted";

  /** The same upsert for batches, which need no rows back. */
  static final String UPSERT = INSERT + MERGE;

  static final String BY_ID =
      "SELECT " + COLUMNS + " FROM ledgerkit_customer WHERE id = ? AND tenant_id = ?";

  static final String BY_PHONE =
      "SELECT " + COLUMNS + " FROM ledgerkit_customer WHERE tenant_id = ? AND phone = ?";

  private static final String STAGE = "CREATE TEMPORARY TABLE IF NOT EXISTS bench_customer_stage"
      + " (seq int NOT NULL, id uuid NOT NULL, tenant_id text NOT NULL, name text NOT NULL,"
      + " phone text NOT NULL, created_at timestamptz NOT NULL) ON COMMIT DELETE ROWS";

  private static final String COPY_IN = "COPY bench_customer_stage"
      + " (seq, id, tenant_id, name, phone, created_at) FROM STDIN";

  /** Keeps the last draft per phone of a batch: one statement cannot touch a row twice. */
  private static final String FROM_STAGE = "INSERT INTO ledgerkit_customer AS c (id, tenant_id,"
      + " name, phone, is_active, created_at, updated_at, version)"
      + " SELECT DISTINCT ON (phone) id, tenant_id, name, phone, true, created_at, created_at, 1"
      + " FROM bench_customer_stage ORDER BY phone, seq DESC" + MERGE;

  private HandWrittenJdbc() {}

  /**
   * @param pool the connections
   * @param tenant the tenant
   * @param draft a draft whose phone is in E.164
   * @return the stored customer and whether it is new
   */
  static CreateResult create(DataSource pool, String tenant, CustomerDraft draft) throws SQLException {
    Instant now = now();
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(UPSERT_RETURNING)) {
      bindInsert(statement, UUID.randomUUID(), tenant, draft, now);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new CreateResult(customer(row), row.getBoolean("inserted"));
      }
    }
  }

  static Optional<Customer> findById(DataSource pool, String tenant, UUID id) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(BY_ID)) {
      statement.setObject(1, id);
      statement.setString(2, tenant);
      return single(statement);
    }
  }

  static Optional<Customer> findByPhone(DataSource pool, String tenant, String phone)
      throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(BY_PHONE)) {
      statement.setString(1, tenant);
      statement.setString(2, phone);
      return single(statement);
    }
  }

  /**
   * One call of a bulk load: the upsert of each draft as one JDBC batch, in one transaction.
   *
   * @return the number of drafts written
   */
  static int batchUpsert(DataSource pool, String tenant, List<CustomerDraft> drafts)
      throws SQLException {
    Instant now = now();
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
        for (CustomerDraft draft : drafts) {
          bindInsert(statement, UUID.randomUUID(), tenant, draft, now);
          statement.addBatch();
        }
        int written = statement.executeBatch().length;
        connection.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * One call of a bulk load through {@code COPY}: the drafts are copied into a temporary table,
   * then merged into the customers by one {@code INSERT ... SELECT ... ON CONFLICT}, in one
   * transaction. Drafts of one call sharing a phone collapse to the last one (one version step,
   * where the SDK makes one per draft).
   *
   * @return the number of rows the merge wrote
   */
  static int copy(DataSource pool, String tenant, List<CustomerDraft> drafts)
      throws SQLException, IOException {
    String now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC).toString();
    StringBuilder rows = new StringBuilder(drafts.size() * 96);
    for (int i = 0; i < drafts.size(); i++) {
      CustomerDraft draft = drafts.get(i);
      rows.append(i).append('\t').append(UUID.randomUUID()).append('\t');
      copyText(rows, tenant).append('\t');
      copyText(rows, required(draft.name())).append('\t');
      copyText(rows, required(draft.phone())).append('\t').append(now).append('\n');
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(STAGE);
        connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn(COPY_IN, new StringReader(rows.toString()));
        int written = statement.executeUpdate(FROM_STAGE);
        connection.commit();
        return written;
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void bindInsert(PreparedStatement statement, UUID id, String tenant,
      CustomerDraft draft, Instant now) throws SQLException {
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    statement.setObject(1, id);
    statement.setString(2, tenant);
    statement.setString(3, required(draft.name()));
    statement.setString(4, draft.phone());
    statement.setObject(5, at);
    statement.setObject(6, at);
  }

  private static Optional<Customer> single(PreparedStatement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(customer(row)) : Optional.empty();
    }
  }

  private static Customer customer(ResultSet row) throws SQLException {
    return new Customer(
        row.getObject(1, UUID.class),
        new TenantId(row.getString(2)),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8),
        row.getString(9),
        row.getBoolean(10),
        row.getObject(11, OffsetDateTime.class).toInstant(),
        row.getObject(12, OffsetDateTime.class).toInstant(),
        row.getLong(13));
  }

  /** The text format of COPY: backslash, tab, line feed and carriage return are escaped. */
  private static StringBuilder copyText(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException("the benchmark drafts always carry this value");
    }
    return value;
  }
}
