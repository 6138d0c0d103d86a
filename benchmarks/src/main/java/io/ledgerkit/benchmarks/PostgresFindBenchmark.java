package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * Find by id and find by phone: {@code customers().findById} / {@code findByPhone} against a
 * plain {@code SELECT} of the same row mapped to the same {@link Customer}. Each trial loads
 * {@link #stored} customers (the same ones in every trial) into a tenant of its own and looks
 * random ones up; every lookup finds its customer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostgresFindBenchmark {

  /** How many customers the tenant holds. */
  @Param("10000")
  public int stored;

  private PostgresFixture fixture;
  private UUID[] ids;
  private String[] phones;

  /** Opens the pool and the SDK and loads the customers. */
  @Setup
  public void open() throws SQLException {
    fixture = new PostgresFixture("find");
    List<CustomerDraft> drafts = new ArrayList<>(stored);
    for (int n = 0; n < stored; n++) {
      drafts.add(BenchData.draft(n));
    }
    for (int from = 0; from < stored; from += 1000) {
      HandWrittenJdbc.batchUpsert(fixture.pool(), fixture.tenant(),
          drafts.subList(from, Math.min(stored, from + 1000)));
    }
    ids = new UUID[stored];
    phones = new String[stored];
    for (int n = 0; n < stored; n++) {
      Customer customer = HandWrittenJdbc.findByPhone(fixture.pool(), fixture.tenant(),
          BenchData.phone(n)).orElseThrow();
      ids[n] = customer.id();
      phones[n] = BenchData.phone(n);
    }
  }

  /** Closes what {@link #open()} opened. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byIdSdk() {
    return fixture.ledgerkit().customers().findById(fixture.caller(), ids[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byIdBaseline() throws SQLException {
    return HandWrittenJdbc.findById(fixture.pool(), fixture.tenant(), ids[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byPhoneSdk() {
    return fixture.ledgerkit().customers().findByPhone(fixture.caller(), phones[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byPhoneBaseline() throws SQLException {
    return HandWrittenJdbc.findByPhone(fixture.pool(), fixture.tenant(), phones[any()]);
  }

  private int any() {
    return ThreadLocalRandom.current().nextInt(stored);
  }
}
