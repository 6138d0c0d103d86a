package io.ledgerkit.benchmarks;

import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeReason;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fee change with its audit event: {@code fees().addNote} (read the fee, then its conditional
 * update and the event in one transaction) against the same read, update and insert written by
 * hand in one JDBC transaction. Each trial assesses {@link #stored} fees in a tenant of its own;
 * invocations go round them, so that no two threads change one fee at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostgresFeeBenchmark {

  /** Fees assessed per trial. */
  @Param("2000")
  public int stored;

  private final AtomicLong next = new AtomicLong();
  private PostgresFixture fixture;
  private UUID[] fees;

  /** Opens the pool and the SDK and assesses the trial's fees. */
  @Setup
  public void open() {
    fixture = new PostgresFixture("fee");
    fees = new UUID[stored];
    for (int i = 0; i < stored; i++) {
      Fee fee = fixture.ledgerkit().fees().assess(fixture.caller(), FeeDraft.forUser("member-" + i)
          .withAmount("2.50").withReason(FeeReason.OVERDUE).withLoanId("loan-" + i)).fee();
      fees[i] = fee.id();
    }
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return the fee after the SDK's change */
  @Benchmark
  public Fee sdk() {
    return fixture.ledgerkit().fees().addNote(fixture.caller(), nextFee(), "called the member");
  }

  /** @return the fee's version after the hand-written change */
  @Benchmark
  public long baseline() throws SQLException {
    return HandWrittenFeeJdbc.addNote(fixture.pool(), fixture.tenant(), nextFee(),
        fixture.caller().userId(), "called the member");
  }

  private UUID nextFee() {
    return fees[(int) (next.getAndIncrement() % fees.length)];
  }
}
