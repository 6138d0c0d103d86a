package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * {@link #customers} new customers from a lazy {@link Stream}, through the SDK's streamed {@code
 * bulkCreate} (calls of 1,000), in a JVM limited to {@value #HEAP}: the SDK must not hold on to
 * what it has written.
 * Timed once; a run that runs out of memory, or creates fewer customers than streamed, fails and
 * so has no result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = PostgresStreamBenchmark.HEAP)
// JMH's default of 10 minutes would call a slow run on a busy machine a failure.
@Timeout(time = 60, timeUnit = TimeUnit.MINUTES)
public class PostgresStreamBenchmark {

  /** The heap limit of this benchmark's fork. */
  static final String HEAP = "-Xmx256m";

  /** Customers streamed. */
  @Param("1000000")
  public long customers;

  private PostgresFixture fixture;

  /** Opens the pool and the SDK and registers the tenant. */
  @Setup
  public void open() {
    fixture = new PostgresFixture("stream");
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return how many customers were created */
  @Benchmark
  public long sdk() {
    CustomerService service = fixture.ledgerkit().customers();
    Stream<CustomerDraft> drafts = LongStream.range(0, customers).mapToObj(BenchData::draft);
    long[] created = new long[1];
    service.bulkCreate(fixture.caller(), drafts, result -> created[0] += result.isNew() ? 1 : 0);
    if (created[0] != customers) {
      throw new IllegalStateException(created[0] + " customers created of " + customers);
    }
    return created[0];
  }
}
