package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * The single-customer operations on MongoDB (an in-process mongo-java-server): create with dedup
 * of a fresh phone, find by id and find by phone, the SDK against raw driver calls on the SDK's
 * collection. Each trial loads {@link #stored} customers (the same ones in every trial) through
 * the SDK, then creates new phones beyond them and looks random stored ones up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MongoBenchmark {

  /**
   * How many customers the tenant holds before the first create: fewer than on PostgreSQL, since
   * the in-process server scans a collection for every query (its figures grow with the size, on
   * both sides alike), and loading 10,000 took most of the whole set's time.
   */
  @Param("2000")
  public int stored;

  private MongoFixture fixture;
  private AtomicLong next;
  private UUID[] ids;
  private String[] phones;

  /** Starts the server, the SDK and loads the customers. */
  @Setup
  public void open() {
    fixture = new MongoFixture();
    List<CustomerDraft> drafts = new ArrayList<>(stored);
    for (int n = 0; n < stored; n++) {
      drafts.add(BenchData.draft(n));
    }
    ids = new UUID[stored];
    phones = new String[stored];
    int n = 0;
    for (List<CustomerDraft> call : BenchData.calls(drafts, PostgresBulkCreateBenchmark.BATCH)) {
      for (CreateResult result : fixture.ledgerkit().customers().bulkCreate(fixture.caller(), call)) {
        ids[n] = result.customer().id();
        phones[n] = BenchData.phone(n);
        n++;
      }
    }
    next = new AtomicLong(stored);
  }

  /** Stops what {@link #open()} started. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return the SDK's result */
  @Benchmark
  public CreateResult createSdk() {
    return fixture.ledgerkit().customers()
        .create(fixture.caller(), BenchData.draft(next.getAndIncrement()));
  }

  /** @return the baseline's result */
  @Benchmark
  public CreateResult createBaseline() {
    return HandWrittenMongo.create(fixture.customers(), fixture.tenant(),
        BenchData.draft(next.getAndIncrement()));
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byIdSdk() {
    return fixture.ledgerkit().customers().findById(fixture.caller(), ids[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byIdBaseline() {
    return HandWrittenMongo.findById(fixture.customers(), fixture.tenant(), ids[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byPhoneSdk() {
    return fixture.ledgerkit().customers().findByPhone(fixture.caller(), phones[any()]);
  }

  /** @return the customer */
  @Benchmark
  public Optional<Customer> byPhoneBaseline() {
    return HandWrittenMongo.findByPhone(fixture.customers(), fixture.tenant(), phones[any()]);
  }

  private int any() {
    return ThreadLocalRandom.current().nextInt(stored);
  }
}
