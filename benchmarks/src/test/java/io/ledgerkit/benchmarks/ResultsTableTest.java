package io.ledgerkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table writer on a small hand-written JMH JSON result. */
class ResultsTableTest {

  private static String result(String benchmark, String mode, int threads, double score,
      String unit, String params, String jvmArgs) {
    return """
        {"jmhVersion": "1.37", "benchmark": "io.ledgerkit.benchmarks.%s", "mode": "%s",
         "threads": %d, "forks": 1, "jvmArgs": [%s], "jdkVersion": "17.0.15",
         "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
         "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 5,
         "measurementTime": "1 s", "params": {%s},
         "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreUnit": "%s"},
         "secondaryMetrics": {"jvm-cpu": {"score": %s, "scoreError": "NaN", "scoreUnit": "us/op"}}}
        """.formatted(benchmark, mode, threads, jvmArgs, params, score, unit, 1e6 / score);
  }

  @Test
  void ratiosGoalsAndNotes(@TempDir Path dir) throws Exception {
    String bulk = "\"customers\": \"100000\"";
    String json = "[" + String.join(",", List.of(
        result("PostgresCreateBenchmark.sdk", "thrpt", 1, 2800, "ops/s", "", ""),
        result("PostgresCreateBenchmark.baseline", "thrpt", 1, 10000, "ops/s", "", ""),
        result("PostgresBulkCreateBenchmark.sdk", "ss", 1, 10.0, "s/op", bulk, ""),
        result("PostgresBulkCreateBenchmark.jdbcBatch", "ss", 1, 4.0, "s/op", bulk, ""),
        result("PostgresBulkCreateBenchmark.naiveJpa", "ss", 1, 200.0, "s/op", bulk, ""),
        result("PostgresStreamBenchmark.sdk", "ss", 1, 180.0, "s/op",
            "\"customers\": \"1000000\"", "\"-Xmx256m\""))) + "]";
    Path input = dir.resolve("result.json");
    Files.writeString(input, json);
    Path notes = dir.resolve("NOTES.md");
    Files.writeString(notes, "# Notes\n\n## create\n\nTwo transactions per create.\n");
    Path out = dir.resolve("RESULTS.md");

    List<ResultsTable.Row> rows = ResultsTable.write(input, out, notes,
        new ResultsTable.Environment("today", 2, "some CPU", "Linux", "PostgreSQL 18", "0.1", "1 min"));

    ResultsTable.Row create = row(rows, "create");
    assertEquals(0.28, create.ratio(), 1e-9);
    assertEquals(Boolean.FALSE, create.met());
    // Times: the ratio is baseline time over SDK time, so faster than the baseline is above 1.
    assertEquals(0.4, row(rows, "bulk-vs-jdbc-batch").ratio(), 1e-9);
    assertEquals(20.0, row(rows, "bulk-vs-naive-jpa").ratio(), 1e-9);
    assertEquals(Boolean.TRUE, row(rows, "bulk-vs-naive-jpa").met());
    assertEquals(Boolean.TRUE, row(rows, "stream").met());
    assertEquals(null, row(rows, "bulk-vs-copy").ratio());

    String table = Files.readString(out);
    assertTrue(table.contains("| PostgreSQL: create with dedup, fresh phone | 1 | 2,800 ops/s"
        + " | 10,000 ops/s | 0.28x | >= 0.8x | **no** | 357 us / 100 us |"), table);
    assertTrue(table.contains("Two transactions per create."), table);
    // The bulk goal has no notes yet: its analysis is left to be written.
    assertTrue(table.contains("TODO(lead): what limits it."), table);
    assertFalse(table.contains("### PostgreSQL: bulk create, same load, vs naive JPA"), table);
  }

  @Test
  void aStreamRunWithoutTheHeapLimitDoesNotCount(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("result.json");
    Files.writeString(input, "[" + result("PostgresStreamBenchmark.sdk", "ss", 1, 1.0, "s/op",
        "\"customers\": \"1000\"", "\"-Xmx1g\"") + "]");
    List<ResultsTable.Row> rows = ResultsTable.write(input, dir.resolve("RESULTS.md"), null,
        new ResultsTable.Environment("today", 2, "some CPU", "Linux", "PostgreSQL 18", "0.1", "1 min"));
    assertEquals(Boolean.FALSE, row(rows, "stream").met());
  }

  @Test
  void stockReadsAreJudgedByTheirMediansAgainstALimitAndAgainstEachOther(@TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("result.json");
    Files.writeString(input, "[" + String.join(",", List.of(
        sampled(10_000, 150.0, 900.0), sampled(1_000_000, 1_200.0, 260.0))) + "]");

    List<ResultsTable.Row> rows = ResultsTable.write(input, dir.resolve("RESULTS.md"), null,
        new ResultsTable.Environment("today", 2, "some CPU", "Linux", "PostgreSQL 18", "0.1", "1 min"));

    List<ResultsTable.Row> limits = rows.stream().filter(r -> r.key().equals("stock-read"))
        .toList();
    assertEquals(2, limits.size());
    assertEquals(Boolean.TRUE, limits.get(0).met(), "a 150 us median is under 1 ms");
    assertEquals(Boolean.FALSE, limits.get(1).met(), "the mean does not count, the median does");
    assertEquals("median < 1.00 ms", limits.get(0).goalText());
    ResultsTable.Row scaling = row(rows, "stock-read-scaling");
    assertEquals(150.0 / 1_200.0, scaling.ratio(), 1e-9);
    assertEquals(Boolean.FALSE, scaling.met());
    assertTrue(scaling.label().endsWith("(movements=1000000 against 10000)"), scaling.label());
    String table = Files.readString(dir.resolve("RESULTS.md"));
    assertTrue(table.contains("150 us/op median (mean 900)"), table);
  }

  /** A sample-time result whose median and mean differ. */
  private static String sampled(int movements, double median, double mean) {
    return """
        {"jmhVersion": "1.37", "benchmark": "io.ledgerkit.benchmarks.PostgresInventoryBenchmark.stockRead",
         "mode": "sample", "threads": 1, "forks": 1, "jvmArgs": [], "jdkVersion": "17.0.15",
         "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
         "warmupIterations": 5, "warmupTime": "2 s", "measurementIterations": 5,
         "measurementTime": "1 s", "params": {"movements": "%d"},
         "primaryMetric": {"score": %s, "scoreError": 10.0, "scoreUnit": "us/op",
           "scorePercentiles": {"0.0": 1.0, "50.0": %s, "99.0": 2000.0}}}
        """.formatted(movements, mean, median);
  }

  @Test
  void notesAreCutAtLevelTwoHeadings() {
    Map<String, String> sections =
        ResultsTable.sections("intro\n## create\nslow\n### detail\nmore\n## find-by-id\nok\n");
    assertEquals("slow\n### detail\nmore", sections.get("create"));
    assertEquals("ok", sections.get("find-by-id"));
  }

  private static ResultsTable.Row row(List<ResultsTable.Row> rows, String key) {
    return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }
}
