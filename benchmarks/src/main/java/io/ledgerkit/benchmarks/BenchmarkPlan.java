package io.ledgerkit.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The whole benchmark set as JMH runs: which benchmarks, at which thread counts, with which heap.
 * The full run ({@link RunBenchmarks}) and the build's smoke test run this same plan, the smoke
 * test with overrides (no forks, one short iteration, small data).
 *
 * <p>Each SDK benchmark and its baseline run one after the other (JMH runs a class's benchmarks in
 * name order, one fork each), on the same server, the same table, the same pool settings and the
 * same generated data.
 */
final class BenchmarkPlan {

  /** Steps that can be chosen alone with {@code --only}. */
  static final Set<String> STEPS =
      Set.of("postgres", "inventory", "mongo", "mongo-inventory", "bulk", "stream");

  /** The heap of every fork but the stream's: fixed, so that runs compare. */
  static final String[] HEAP = {"-Xms1g", "-Xmx1g"};

  private static final String PACKAGE = "io\\.ledgerkit\\.benchmarks\\.";

  private final Options overrides;
  private final Set<String> steps;

  /**
   * @param overrides options that win over the plan's defaults (forks, iterations, parameters,
   *     JVM arguments appended)
   * @param steps the steps to run, from {@link #STEPS}
   */
  BenchmarkPlan(Options overrides, Set<String> steps) {
    this.overrides = overrides;
    this.steps = Set.copyOf(steps);
  }

  /** @return the JMH runs, in order */
  List<Options> runs() {
    List<Options> runs = new ArrayList<>();
    if (steps.contains("postgres")) {
      for (int threads : new int[] {1, 4}) {
        runs.add(step("Postgres(Create|Find|Fee)Benchmark").threads(threads).build());
      }
    }
    if (steps.contains("inventory")) {
      // The sale pair at 1 and 4 threads; the stock reads, a latency, at 1.
      runs.add(step("PostgresInventoryBenchmark").threads(1).build());
      runs.add(benchmarks("PostgresInventoryBenchmark\\.sale(Sdk|Baseline)$").threads(4).build());
    }
    if (steps.contains("mongo")) {
      // One thread only: the server runs inside the benchmark's JVM, so more threads measure
      // mongo-java-server's locking more than the SDK.
      runs.add(step("MongoBenchmark").threads(1).build());
    }
    if (steps.contains("mongo-inventory")) {
      // One thread, as for the customers on MongoDB.
      runs.add(step("MongoInventoryBenchmark").threads(1).build());
    }
    if (steps.contains("bulk")) {
      runs.add(step("PostgresBulkCreateBenchmark").threads(1).build());
    }
    if (steps.contains("stream")) {
      runs.add(step("PostgresStreamBenchmark").threads(1)
          .jvmArgs(PostgresStreamBenchmark.HEAP).build());
    }
    return runs;
  }

  /**
   * Runs the plan.
   *
   * @param afterEachRun told every result so far after each JMH run, so that an interrupted run
   *     still leaves what it measured
   * @return every result, in run order
   * @throws RunnerException if JMH cannot run at all
   * @throws IOException if {@code afterEachRun} fails
   */
  Collection<RunResult> run(ResultSink afterEachRun) throws RunnerException, IOException {
    List<RunResult> results = new ArrayList<>();
    for (Options options : runs()) {
      results.addAll(new Runner(options).run());
      afterEachRun.accept(List.copyOf(results));
    }
    return results;
  }

  /** Receives the results so far. */
  @FunctionalInterface
  interface ResultSink {
    void accept(Collection<RunResult> results) throws IOException;
  }

  private ChainedOptionsBuilder step(String classes) {
    return benchmarks(classes + "\\.");
  }

  /** @param methods a pattern of class and method names, after the package */
  private ChainedOptionsBuilder benchmarks(String methods) {
    ChainedOptionsBuilder builder = new OptionsBuilder().parent(overrides)
        .include("^" + PACKAGE + methods)
        .addProfiler(JvmCpuProfiler.class);
    if (overrides.getJvmArgs().hasValue()) {
      return builder;
    }
    return builder.jvmArgs(HEAP);
  }
}
