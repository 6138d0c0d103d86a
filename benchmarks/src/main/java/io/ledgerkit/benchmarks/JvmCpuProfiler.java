package io.ledgerkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Reports the CPU time the benchmark's JVM spent per operation (all its threads: the benchmark's,
 * JIT compilers, GC; not the database server's) as the secondary metric {@value #LABEL}. Unlike
 * throughput, it hardly moves when other work on the machine takes CPU away, so it tells whether
 * a change made the SDK cheaper even on a busy machine.
 */
public final class JvmCpuProfiler implements InternalProfiler {

  /** The metric's name in JMH's results. */
  public static final String LABEL = "jvm-cpu";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = os.getProcessCpuTime() - before;
    long ops = Math.max(1, result.getMetadata().getMeasuredOps());
    boolean perLoad = iteration.getTime().equals(TimeValue.NONE)
        || benchmark.getMode().shortLabel().equals("ss");
    return List.of(perLoad
        ? new ScalarResult(LABEL, cpu / 1e9 / ops, "s/op", AggregationPolicy.AVG)
        : new ScalarResult(LABEL, cpu / 1e3 / ops, "us/op", AggregationPolicy.AVG));
  }
}
