package io.ledgerkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole plan once, in this JVM, with one short iteration and small data: every benchmark
 * must run without error and produce a score, and the table writer must pair every SDK result
 * with its baseline. A check that the benchmarks work, not a measurement.
 */
class BenchmarkSmokeTest {

  private static final String PACKAGE = "io.ledgerkit.benchmarks.";

  @Test
  void everyBenchmarkRunsAndTheTableIsWritten(@TempDir Path dir) throws Exception {
    Options smoke = new OptionsBuilder()
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .param("stored", "300")
        .param("customers", "2400")
        .param("movements", "1000", "3000")
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build();

    Collection<RunResult> results = new BenchmarkPlan(smoke, BenchmarkPlan.STEPS).run(soFar -> { });

    Set<String> ran = new TreeSet<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark().substring(PACKAGE.length());
      ran.add(name + "@" + result.getParams().getThreads());
      assertTrue(result.getPrimaryResult().getScore() > 0, name + " has no score");
    }
    Set<String> expected = new TreeSet<>();
    for (int threads : new int[] {1, 4}) {
      for (String name : new String[] {"PostgresCreateBenchmark.sdk",
          "PostgresCreateBenchmark.baseline", "PostgresFindBenchmark.byIdSdk",
          "PostgresFindBenchmark.byIdBaseline", "PostgresFindBenchmark.byPhoneSdk",
          "PostgresFindBenchmark.byPhoneBaseline", "PostgresFeeBenchmark.sdk",
          "PostgresFeeBenchmark.baseline", "PostgresInventoryBenchmark.saleSdk",
          "PostgresInventoryBenchmark.saleBaseline"}) {
        expected.add(name + "@" + threads);
      }
    }
    for (String name : new String[] {"MongoBenchmark.createSdk",
        "MongoBenchmark.createBaseline", "MongoBenchmark.byIdSdk", "MongoBenchmark.byIdBaseline",
        "MongoBenchmark.byPhoneSdk", "MongoBenchmark.byPhoneBaseline",
        "MongoInventoryBenchmark.saleSdk", "MongoInventoryBenchmark.saleBaseline",
        "PostgresBulkCreateBenchmark.sdk",
        "PostgresBulkCreateBenchmark.jdbcBatch", "PostgresBulkCreateBenchmark.copy",
        "PostgresBulkCreateBenchmark.naiveJpa", "PostgresStreamBenchmark.sdk"}) {
      expected.add(name + "@1");
    }
    // Once per ledger length.
    expected.add("PostgresInventoryBenchmark.stockRead@1");
    assertEquals(expected, ran);

    Path json = dir.resolve("result.json");
    Path markdown = dir.resolve("RESULTS.md");
    RunBenchmarks.writeJson(results, json);
    var rows = ResultsTable.write(json, markdown, null,
        ResultsTable.Environment.ofThisMachine("smoke test", "not measured", "not measured"));

    // 5 PostgreSQL pairs (create, two finds, a fee change, a sale) at 1 and 4 threads, the stock
    // read at two ledger lengths and the two against each other, 3 MongoDB customer pairs and a
    // MongoDB sale, 3 bulk pairs, the stream.
    assertEquals(5 * 2 + 2 + 1 + 3 + 1 + 3 + 1, rows.size());
    assertEquals(2, results.stream().filter(result -> result.getParams().getBenchmark()
        .endsWith("stockRead")).count(), "the stock read at both ledger lengths");
    for (ResultsTable.Row row : rows) {
      assertNotNull(row.sdk(), row.label());
      if (row.comparison() != null && row.comparison().maxMillis() == null) {
        assertNotNull(row.ratio(), row.label());
      }
    }
    String table = Files.readString(markdown);
    assertTrue(table.contains("| benchmark | threads | SDK | baseline | ratio | goal | met? |"));
    assertTrue(table.contains("PostgreSQL: create with dedup, fresh phone | 4 |"), table);
  }
}
