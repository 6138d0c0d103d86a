package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CreateResult;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Create with dedup of a phone the tenant has never seen: {@code customers().create} against one
 * hand-written {@code INSERT ... ON CONFLICT (tenant_id, phone) DO UPDATE ... RETURNING (xmax =
 * 0)} on the SDK's table. Each trial has a tenant of its own and every invocation a new phone, so
 * every create inserts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostgresCreateBenchmark {

  private final AtomicLong next = new AtomicLong();
  private PostgresFixture fixture;

  /** Opens the pool and the SDK and registers the trial's tenant. */
  @Setup
  public void open() {
    fixture = new PostgresFixture("create");
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return the SDK's result */
  @Benchmark
  public CreateResult sdk() {
    return fixture.ledgerkit().customers()
        .create(fixture.caller(), BenchData.draft(next.getAndIncrement()));
  }

  /** @return the baseline's result */
  @Benchmark
  public CreateResult baseline() throws SQLException {
    return HandWrittenJdbc.create(fixture.pool(), fixture.tenant(),
        BenchData.draft(next.getAndIncrement()));
  }
}
