package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.tenant.Caller;
import java.io.IOException;
import java.sql.SQLException;
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
 * invocation is one whole load into a fresh tenant. Every side gets whole loads as warm-up, so
 * that both are compared compiled, not half interpreted (a cold single load measured the JIT
 * compiler more than either side: the SDK's first load took twice its later ones); the naive JPA
 * load, which takes about a minute, gets one warm-up and one measured load.
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

  /** Drafts per load; even. */
  @Param("100000")
  public int customers;

  private PostgresFixture fixture;
  private NaiveJpa naiveJpa;
  private List<CustomerDraft> drafts;
  private String tenant;
  private Caller caller;

  /** Opens the pool, the SDK and the naive JPA baseline's session factory. */
  @Setup
  public void open() {
    fixture = new PostgresFixture("bulk");
    naiveJpa = new NaiveJpa(fixture.pool());
    drafts = BenchData.halfDuplicates(customers);
  }

  /** Each load goes into an empty tenant. */
  @Setup(Level.Iteration)
  public void freshTenant() {
    tenant = BenchData.freshTenant("bulk");
    caller = fixture.register(tenant);
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
