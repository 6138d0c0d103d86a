package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.tenant.Caller;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A bulk load of {@link #customers} drafts (half of them repeat a phone, see {@link
 * BenchData#halfDuplicates}) in calls of {@link #BATCH} items, into an empty tenant: the SDK's
 * {@code bulkCreate} against a hand-written JDBC batch upsert, {@code COPY} into a staging table
 * merged by one statement, and a naive JPA find-then-persist loop on an entity of its own. Each
 * invocation is one whole load into a fresh tenant, whose rows are removed after it. Every side
 * gets whole loads as warm-up, so that both are compared compiled, not half interpreted (a cold
 * single load measured the JIT compiler more than either side: the SDK's first load took twice its
 * later ones); the naive JPA load, which takes about a minute, gets one warm-up and one measured
 * load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
// The naive JPA load takes minutes; JMH's default of 10 would call a busy machine a failure.
@Timeout(time = 60, timeUnit = TimeUnit.MINUTES)
public class PostgresBulkCreateBenchmark {

  /** Items per call, the SDK's maximum. */
  static final int BATCH = CustomerService.MAX_BATCH;

  /** The background: {@link #customers} customers of another tenant, written once. */
  private static final String BACKGROUND_ROWS = "INSERT INTO ledgerkit_customer (id, tenant_id,"
      + " name, phone, is_active, created_at, updated_at, version)"
      + " SELECT gen_random_uuid(), 'bench-bulk-background', 'Customer ' || n,"
      + " '+1555' || lpad(n::text, 7, '0'), true, now(), now(), 1"
      + " FROM generate_series(1, ?) AS n ON CONFLICT DO NOTHING";

  /** Drafts per load; even. */
  @Param("100000")
  public int customers;

  private PostgresFixture fixture;
  private NaiveJpa naiveJpa;
  private List<CustomerDraft> drafts;
  private String tenant;
  private Caller caller;

  /**
   * Opens the pool, the SDK and the naive JPA baseline's session factory, and makes sure the table
   * holds as many customers of another tenant as a load writes, as a host's table holds its other
   * tenants' customers: the loads are removed after each iteration, and on a table that is empty
   * but for the load the planner would judge the naive loop's query on statistics of an empty
   * table.
   *
   * @throws SQLException if the background rows cannot be written
   */
  @Setup
  public void open() throws SQLException {
    fixture = new PostgresFixture("bulk");
    naiveJpa = new NaiveJpa(fixture.pool());
    drafts = BenchData.halfDuplicates(customers);
    try (Connection connection = fixture.pool().getConnection()) {
      connection.setAutoCommit(true);
      try (PreparedStatement insert = connection.prepareStatement(BACKGROUND_ROWS)) {
        insert.setInt(1, customers);
        insert.executeUpdate();
      }
      try (Statement analyze = connection.createStatement()) {
        analyze.execute("ANALYZE ledgerkit_customer");
      }
    }
  }

  /** Each load goes into an empty tenant. */
  @Setup(Level.Iteration)
  public void freshTenant() {
    tenant = BenchData.freshTenant("bulk");
    caller = fixture.register(tenant);
  }

  /**
   * Deletes the load's rows and vacuums the table, so that every load, whichever side and in
   * whatever order JMH runs them, writes into a table of the same size with the same indexes:
   * without it each load grew the table for the next, and the side JMH runs last paid for all.
   *
   * @throws SQLException if the cleanup fails
   */
  @TearDown(Level.Iteration)
  public void removeLoad() throws SQLException {
    try (Connection connection = fixture.pool().getConnection()) {
      connection.setAutoCommit(true);
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM ledgerkit_customer WHERE tenant_id = ?")) {
        delete.setString(1, tenant);
        delete.executeUpdate();
      }
      try (Statement vacuum = connection.createStatement()) {
        vacuum.execute("VACUUM ANALYZE ledgerkit_customer");
      }
    }
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() {
    naiveJpa.close();
    fixture.close();
  }

  /** @param results receives every call's results */
  @Benchmark
  public void sdk(Blackhole results) {
    CustomerService service = fixture.ledgerkit().customers();
    for (List<CustomerDraft> call : calls()) {
      List<CreateResult> created = service.bulkCreate(caller, call);
      results.consume(created);
    }
  }

  /** @param results receives every call's row count */
  @Benchmark
  public void jdbcBatch(Blackhole results) throws SQLException {
    for (List<CustomerDraft> call : calls()) {
      results.consume(HandWrittenJdbc.batchUpsert(fixture.pool(), tenant, call));
    }
  }

  /** @param results receives every call's row count */
  @Benchmark
  public void copy(Blackhole results) throws SQLException, IOException {
    for (List<CustomerDraft> call : calls()) {
      results.consume(HandWrittenJdbc.copy(fixture.pool(), tenant, call));
    }
  }

  /** @param results receives every call's count of new customers */
  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 1)
  public void naiveJpa(Blackhole results) {
    for (List<CustomerDraft> call : calls()) {
      results.consume(naiveJpa.load(tenant, call));
    }
  }

  private List<List<CustomerDraft>> calls() {
    return BenchData.calls(drafts, BATCH);
  }
}
