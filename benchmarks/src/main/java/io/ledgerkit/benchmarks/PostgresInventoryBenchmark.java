package io.ledgerkit.benchmarks;

import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
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
 * Stock movements. A sale of one with the stock check: {@code inventory().record} (the stock row's
 * conditional upsert and the movement in one statement) against the same written by hand as a
 * careful host would, one JDBC transaction of a conditional {@code UPDATE} of the stock row and
 * the movement's {@code INSERT}. Each trial stocks {@link Sales#stored} items in a tenant of its
 * own; invocations go round them, each sale at a timestamp of its own, so that none is refused.
 *
 * <p>And the stock read of one item whose ledger holds {@link Ledger#movements} movements,
 * loaded set-based straight into the tables: its median time must not grow with the ledger.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostgresInventoryBenchmark {

  /** The stock every item starts a sales trial with: more than any trial sells. */
  static final long STOCKED = 1_000_000L;

  /** A trial's stocked items and where the sales go next. */
  @State(Scope.Benchmark)
  public static class Sales {

    /** Items stocked per trial. */
    @Param("2000")
    public int stored;

    private final AtomicLong next = new AtomicLong();
    private PostgresFixture fixture;
    private String[] items;
    private Instant firstSale;

    /** Opens the pool and the SDK and stocks the trial's items. */
    @Setup
    public void open() {
      fixture = new PostgresFixture("inventory");
      // Sales lie in the past, one millisecond apart, so that no two of an item share one.
      firstSale = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(30));
      items = new String[stored];
      for (int i = 0; i < stored; i++) {
        items[i] = "sku-" + i;
        fixture.ledgerkit().inventory().record(fixture.caller(),
            MovementDraft.of(items[i], MovementType.RESTOCK, STOCKED)
                .at(firstSale.minusMillis(i + 1)));
      }
    }

    /** Closes what {@link #open()} opened. */
    @TearDown
    public void close() {
      fixture.close();
    }

    /** @return the next sale's number */
    long nextSale() {
      return next.getAndIncrement();
    }

    String item(long sale) {
      return items[(int) (sale % items.length)];
    }

    Instant at(long sale) {
      return firstSale.plusMillis(sale);
    }
  }

  /** One item with a long ledger. */
  @State(Scope.Benchmark)
  public static class Ledger {

    /** How many movements the item has. */
    @Param({"10000", "1000000"})
    public int movements;

    private PostgresFixture fixture;

    /** Opens the pool and the SDK and loads the item's ledger. */
    @Setup
    public void open() throws SQLException {
      fixture = new PostgresFixture("stock");
      HandWrittenInventoryJdbc.loadLedger(fixture.pool(), fixture.tenant(), "sku-long", movements,
          Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** Closes what {@link #open()} opened. */
    @TearDown
    public void close() {
      fixture.close();
    }
  }

  /** @return the sale as recorded by the SDK, and the stock after it */
  @Benchmark
  public RecordedMovement saleSdk(Sales sales) {
    long sale = sales.nextSale();
    return sales.fixture.ledgerkit().inventory().record(sales.fixture.caller(),
        MovementDraft.of(sales.item(sale), MovementType.SALE, -1).at(sales.at(sale)));
  }

  /** @return the stock after the hand-written sale */
  @Benchmark
  public OptionalLong saleBaseline(Sales sales) throws SQLException {
    long sale = sales.nextSale();
    return HandWrittenInventoryJdbc.sale(sales.fixture.pool(), sales.fixture.tenant(),
        sales.item(sale), 1, sales.at(sale), sales.fixture.caller().userId());
  }

  /** @return the item's stock on hand, read by the SDK */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long stockRead(Ledger ledger) {
    return ledger.fixture.ledgerkit().inventory().stockOnHand(ledger.fixture.caller(),
        "sku-long");
  }
}
