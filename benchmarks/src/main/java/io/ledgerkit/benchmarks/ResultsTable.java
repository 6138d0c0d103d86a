package io.ledgerkit.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns a JMH JSON result ({@code -rf json}) into {@code RESULTS.md}: one row per SDK benchmark
 * and its baseline at the same thread count and parameters, with the ratio (how fast the SDK is
 * as a fraction of the baseline: throughput over throughput, or time of the baseline over time of
 * the SDK), the goal and whether it is met; then, for every missed goal, what was
 * measured (generated) and the hand-written analysis kept in {@code NOTES.md} under a heading
 * with the comparison's key, or clearly marked TODO lines where there is none.
 *
 * <p>Run it on its own with {@code ResultsTable <result.json> <RESULTS.md> [NOTES.md]}.
 */
public final class ResultsTable {

  private static final String PACKAGE = "io.ledgerkit.benchmarks.";
  private static final String STREAM = "PostgresStreamBenchmark.sdk";

  /** Every pair reported, in table order; a null goal reports without one. */
  static final List<Comparison> COMPARISONS = List.of(
      new Comparison("create", "PostgreSQL: create with dedup, fresh phone",
          "PostgresCreateBenchmark.sdk", "`customers().create`",
          "PostgresCreateBenchmark.baseline",
          "JDBC `INSERT ... ON CONFLICT (tenant_id, phone) DO UPDATE ... RETURNING ..., (xmax = 0)`"
              + " in auto-commit",
          0.8),
      new Comparison("find-by-id", "PostgreSQL: find by id",
          "PostgresFindBenchmark.byIdSdk", "`customers().findById`",
          "PostgresFindBenchmark.byIdBaseline",
          "JDBC `SELECT ... WHERE id = ? AND tenant_id = ?` in auto-commit", 0.8),
      new Comparison("find-by-phone", "PostgreSQL: find by phone",
          "PostgresFindBenchmark.byPhoneSdk", "`customers().findByPhone` (E.164 input)",
          "PostgresFindBenchmark.byPhoneBaseline",
          "JDBC `SELECT ... WHERE tenant_id = ? AND phone = ?` in auto-commit", 0.8),
      new Comparison("bulk-vs-jdbc-batch",
          "PostgreSQL: bulk create, half duplicates, 1,000-item calls, vs JDBC batch upsert",
          "PostgresBulkCreateBenchmark.sdk", "`customers().bulkCreate` per call",
          "PostgresBulkCreateBenchmark.jdbcBatch",
          "JDBC batch of the same upsert per call, one transaction per call", 1.0),
      new Comparison("bulk-vs-copy", "PostgreSQL: bulk create, same load, vs `COPY`",
          "PostgresBulkCreateBenchmark.sdk", "`customers().bulkCreate` per call",
          "PostgresBulkCreateBenchmark.copy",
          "`COPY` (PgConnection copy API) into a temporary table, then one `INSERT ... SELECT"
              + " DISTINCT ON (phone) ... ON CONFLICT DO UPDATE` per call", null),
      new Comparison("bulk-vs-naive-jpa", "PostgreSQL: bulk create, same load, vs naive JPA",
          "PostgresBulkCreateBenchmark.sdk", "`customers().bulkCreate` per call",
          "PostgresBulkCreateBenchmark.naiveJpa",
          "Hibernate find-by-phone query then `persist` or change per item, one transaction per"
              + " call, own minimal entity on the SDK's table", 10.0),
      new Comparison("fee-transition", "PostgreSQL: a fee change with its audit event",
          "PostgresFeeBenchmark.sdk", "`fees().addNote`",
          "PostgresFeeBenchmark.baseline",
          "JDBC transaction: `SELECT` status and version, `UPDATE ... WHERE version = ?`,"
              + " `INSERT` of the event", 0.8),
      new Comparison("inventory-sale", "PostgreSQL: a sale with the stock check",
          "PostgresInventoryBenchmark.saleSdk", "`inventory().record` of a sale of 1",
          "PostgresInventoryBenchmark.saleBaseline",
          "JDBC transaction: `UPDATE ledgerkit_stock SET on_hand = on_hand + ? WHERE ... AND"
              + " on_hand + ? >= 0 RETURNING on_hand`, then the movement's `INSERT`", 0.8),
      Comparison.limit("stock-read", "PostgreSQL: stock on hand of one item",
          "PostgresInventoryBenchmark.stockRead", "`inventory().stockOnHand`, median",
          "none: the median must stay under the limit", 1.0),
      Comparison.scaling("stock-read-scaling",
          "PostgreSQL: stock on hand, longest ledger against shortest",
          "PostgresInventoryBenchmark.stockRead", "movements",
          "`inventory().stockOnHand` of the item with the most movements, median",
          "the same read of the item with the fewest, median", 0.5),
      new Comparison("mongo-create", "MongoDB: create with dedup, fresh phone",
          "MongoBenchmark.createSdk", "`customers().create`",
          "MongoBenchmark.createBaseline",
          "driver `findOneAndUpdate` upsert by (tenantId, phoneKey), same document shape", null),
      new Comparison("mongo-find-by-id", "MongoDB: find by id",
          "MongoBenchmark.byIdSdk", "`customers().findById`",
          "MongoBenchmark.byIdBaseline", "driver `find({_id, tenantId}).first()`", null),
      new Comparison("mongo-find-by-phone", "MongoDB: find by phone",
          "MongoBenchmark.byPhoneSdk", "`customers().findByPhone` (E.164 input)",
          "MongoBenchmark.byPhoneBaseline", "driver `find({tenantId, phoneKey}).first()`", null),
      new Comparison("mongo-inventory-sale", "MongoDB: a sale, one chained movement",
          "MongoInventoryBenchmark.saleSdk", "`inventory().record` of a sale of one unit",
          "MongoInventoryBenchmark.saleBaseline",
          "driver `find({tenantId, itemId, seq >= 0}).sort({seq: -1}).limit(1)` of the head, then"
              + " `insertOne` of the link with `seq + 1` and `stockAfter`, same document shape",
          null));

  private ResultsTable() {}

  /**
   * @param args the JMH JSON result, the Markdown file to write, and optionally the notes file
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: ResultsTable <result.json> <RESULTS.md> [NOTES.md]");
      System.exit(2);
    }
    Path notes = args.length == 3 ? Path.of(args[2]) : null;
    write(Path.of(args[0]), Path.of(args[1]), notes, Environment.ofThisMachine("not recorded", "not recorded", "not recorded"));
  }

  /**
   * @param json the JMH JSON result
   * @param out the Markdown file to write
   * @param notes the hand-written analysis of missed goals, if any
   * @param environment the machine and servers the benchmarks ran on
   * @return the rows written
   * @throws IOException if a file cannot be read or written
   */
  static List<Row> write(Path json, Path out, @Nullable Path notes, Environment environment)
      throws IOException {
    List<Result> results = read(json);
    List<Row> rows = rows(results);
    Map<String, String> analysis =
        notes != null && Files.exists(notes) ? sections(Files.readString(notes)) : Map.of();
    Files.writeString(out, markdown(results, rows, analysis, environment), StandardCharsets.UTF_8);
    return rows;
  }

  static List<Result> read(Path json) throws IOException {
    try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
      JsonArray array = JsonParser.parseReader(reader).getAsJsonArray();
      List<Result> results = new ArrayList<>();
      for (JsonElement element : array) {
        results.add(Result.of(element.getAsJsonObject()));
      }
      return results;
    }
  }

  static List<Row> rows(List<Result> results) {
    List<Row> rows = new ArrayList<>();
    for (Comparison comparison : COMPARISONS) {
      List<Result> sdks = results.stream().filter(r -> r.is(comparison.sdk())).toList();
      if (comparison.scaleParam() != null) {
        rows.addAll(scalingRows(comparison, sdks));
        continue;
      }
      if (sdks.isEmpty()) {
        rows.add(new Row(comparison, null, null, null));
      }
      for (Result sdk : sdks) {
        Result baseline = comparison.baseline() == null ? null : results.stream()
            .filter(r -> r.is(comparison.baseline()) && r.threads() == sdk.threads()
                && r.params().equals(sdk.params()))
            .findFirst().orElse(null);
        rows.add(new Row(comparison, sdk, baseline, null));
      }
    }
    results.stream().filter(r -> r.is(STREAM)).forEach(r -> rows.add(Row.stream(r)));
    if (results.stream().noneMatch(r -> r.is(STREAM))) {
      rows.add(Row.stream(null));
    }
    return rows;
  }

  /**
   * One row per thread count: the result with the largest value of the comparison's parameter
   * against the one with the smallest, of the same benchmark.
   */
  private static List<Row> scalingRows(Comparison comparison, List<Result> results) {
    String param = Objects.requireNonNull(comparison.scaleParam());
    Map<Integer, List<Result>> byThreads = new TreeMap<>();
    for (Result result : results) {
      if (result.params().containsKey(param)) {
        byThreads.computeIfAbsent(result.threads(), t -> new ArrayList<>()).add(result);
      }
    }
    List<Row> rows = new ArrayList<>();
    if (byThreads.isEmpty()) {
      rows.add(new Row(comparison, null, null, null));
    }
    for (List<Result> same : byThreads.values()) {
      Comparator<Result> byValue =
          Comparator.comparingDouble(r -> Double.parseDouble(r.params().get(param)));
      Result largest = same.stream().max(byValue).orElseThrow();
      Result smallest = same.stream().min(byValue).orElseThrow();
      rows.add(new Row(comparison, largest, largest == smallest ? null : smallest, null));
    }
    return rows;
  }

  private static String markdown(List<Result> results, List<Row> rows,
      Map<String, String> analysis, Environment environment) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("Written by `").append(RunBenchmarks.COMMAND).append("` (see README.md); do not edit"
        + " by hand: the analysis of missed goals comes from NOTES.md.\n\n");
    md.append("- Run: ").append(environment.date()).append(", took ")
        .append(environment.duration()).append('\n');
    md.append("- Machine: ").append(environment.cores()).append(" cores (")
        .append(environment.cpu()).append("), ").append(environment.os()).append('\n');
    if (!results.isEmpty()) {
      Result first = results.get(0);
      md.append("- JVM: ").append(first.jvm()).append(", JMH ").append(first.jmhVersion())
          .append('\n');
    }
    md.append("- Load average (1 / 5 / 15 min): ").append(environment.load())
        .append(" (other work on the machine slows both sides, unevenly: compare runs made at"
            + " a low load)\n");
    md.append("- PostgreSQL: ").append(environment.database()).append('\n');
    md.append("- MongoDB: in-process mongo-java-server (in memory), one per trial\n");
    md.append("- Ratio: SDK speed as a fraction of the baseline's (throughput / throughput, or"
        + " baseline time / SDK time). Scores are mean ± 99.9% error over the measured"
        + " iterations of one fork; a single-shot score is one timed run. JVM CPU per op is the"
        + " CPU time of the benchmark's JVM (all threads, not the database's) per operation:"
        + " it moves much less than throughput with other load on the machine, unless that load"
        + " kept the JIT compiler from finishing during the warm-up (then it is high too).\n\n");
    md.append("| benchmark | threads | SDK | baseline | ratio | goal | met? |"
        + " JVM CPU per op, SDK / baseline |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      md.append("| ").append(row.label()).append(" | ").append(row.threadsText())
          .append(" | ").append(row.sdkText()).append(" | ").append(row.baselineText())
          .append(" | ").append(row.ratioText()).append(" | ").append(row.goalText())
          .append(" | ").append(row.metText()).append(" | ").append(row.cpuText())
          .append(" |\n");
    }
    md.append("\nWhat each side runs:\n\n");
    for (Comparison comparison : COMPARISONS) {
      md.append("- ").append(comparison.operation()).append(": SDK ")
          .append(comparison.sdkLabel()).append("; baseline ")
          .append(comparison.baselineLabel()).append(".\n");
    }
    md.append("- Stream: the SDK's streamed `bulkCreate(caller, stream, onResult)` (calls of 1,000)"
        + " fed from a lazy `Stream` of new customers, in a fork started with `").append(PostgresStreamBenchmark.HEAP)
        .append("`; it fails (no result) if the JVM runs out of memory.\n");

    List<Row> missed = rows.stream().filter(Row::missed).toList();
    md.append("\n## Goals missed\n\n");
    if (missed.isEmpty()) {
      md.append("None.\n");
    }
    Map<String, List<Row>> byKey = new LinkedHashMap<>();
    for (Row row : missed) {
      byKey.computeIfAbsent(row.key(), key -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<Row>> entry : byKey.entrySet()) {
      md.append("### ").append(entry.getValue().get(0).label()).append(" (`")
          .append(entry.getKey()).append("`)\n\n");
      md.append("What was measured:\n\n");
      for (Row row : entry.getValue()) {
        md.append("- ").append(row.measured()).append('\n');
      }
      String text = analysis.get(entry.getKey());
      md.append('\n');
      if (text == null || text.isBlank()) {
        md.append("- TODO(lead): what limits it.\n");
        md.append("- TODO(lead): what was tried.\n");
      } else {
        md.append(text.strip()).append('\n');
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** The body under each {@code ## key} heading of the notes file. */
  static Map<String, String> sections(String notes) {
    Map<String, String> sections = new TreeMap<>();
    String key = null;
    StringBuilder body = new StringBuilder();
    for (String line : notes.split("\n", -1)) {
      if (line.startsWith("## ")) {
        if (key != null) {
          sections.put(key, body.toString().strip());
        }
        key = line.substring(3).strip();
        body.setLength(0);
      } else if (key != null) {
        body.append(line).append('\n');
      }
    }
    if (key != null) {
      sections.put(key, body.toString().strip());
    }
    return sections;
  }

  /**
   * One reported pair.
   *
   * @param key the heading of its analysis in NOTES.md
   */
  record Comparison(String key, String operation, String sdk, String sdkLabel,
      @Nullable String baseline, String baselineLabel, @Nullable Double goal,
      @Nullable String scaleParam, @Nullable Double maxMillis) {

    /** An SDK benchmark against its baseline, at the same threads and parameters. */
    Comparison(String key, String operation, String sdk, String sdkLabel, String baseline,
        String baselineLabel, @Nullable Double goal) {
      this(key, operation, sdk, sdkLabel, baseline, baselineLabel, goal, null, null);
    }

    /**
     * A benchmark on its own, one row per parameter set: its median must stay under a limit.
     *
     * @param maxMillis the limit of the median, in milliseconds
     */
    static Comparison limit(String key, String operation, String sdk, String sdkLabel,
        String baselineLabel, double maxMillis) {
      return new Comparison(key, operation, sdk, sdkLabel, null, baselineLabel, null, null,
          maxMillis);
    }

    /**
     * A benchmark at the largest value of a parameter against itself at the smallest: the ratio
     * is how fast the largest runs as a fraction of the smallest.
     *
     * @param param the parameter, e.g. the number of rows
     */
    static Comparison scaling(String key, String operation, String sdk, String param,
        String sdkLabel, String baselineLabel, double goal) {
      return new Comparison(key, operation, sdk, sdkLabel, sdk, baselineLabel, goal, param, null);
    }
  }

  /** What the table says about one machine and its servers. */
  record Environment(String date, int cores, String cpu, String os, String database,
      String load, String duration) {

    /**
     * @param database what the PostgreSQL server was
     * @param load the machine's load while the benchmarks ran, as measured by the caller
     * @param duration how long the run took
     * @return this machine's description
     */
    static Environment ofThisMachine(String database, String load, String duration) {
      return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
          Runtime.getRuntime().availableProcessors(), cpuModel(),
          System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
              + System.getProperty("os.arch"), database, load, duration);
    }

    /** Keeps the description beside the JSON result, for writing the table again later. */
    void store(Path file) throws IOException {
      Properties properties = new Properties();
      properties.setProperty("date", date);
      properties.setProperty("cores", Integer.toString(cores));
      properties.setProperty("cpu", cpu);
      properties.setProperty("os", os);
      properties.setProperty("database", database);
      properties.setProperty("load", load);
      properties.setProperty("duration", duration);
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(writer, "the machine of the JMH result beside this file");
      }
    }

    static Environment load(Path file) throws IOException {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      return new Environment(properties.getProperty("date", "?"),
          Integer.parseInt(properties.getProperty("cores", "0")),
          properties.getProperty("cpu", "?"), properties.getProperty("os", "?"),
          properties.getProperty("database", "?"), properties.getProperty("load", "?"),
          properties.getProperty("duration", "?"));
    }

    /** @return the 1, 5 and 15 minute load averages, where the system tells them */
    static String loadAverage() {
      try {
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
          String[] parts = Files.readString(loadavg).trim().split("\\s+");
          return parts[0] + " / " + parts[1] + " / " + parts[2];
        }
      } catch (IOException e) {
        return "unknown";
      }
      return "unknown";
    }

    private static String cpuModel() {
      try {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
          for (String line : Files.readAllLines(cpuinfo)) {
            if (line.startsWith("model name")) {
              return line.substring(line.indexOf(':') + 1).strip();
            }
          }
        }
      } catch (IOException e) {
        return "CPU model unknown";
      }
      return "CPU model unknown";
    }
  }

  /** One benchmark's entry of the JMH JSON result. */
  record Result(String benchmark, String mode, int threads, Map<String, String> params,
      double score, double error, String unit, List<String> jvmArgs, String jvm,
      String jmhVersion, String runs, @Nullable String cpu, @Nullable Double median) {

    /** JMH's short label of the sample-time mode, whose central figure is the median. */
    static final String SAMPLE = "sample";

    static Result of(JsonObject json) {
      Map<String, String> params = new TreeMap<>();
      if (json.has("params")) {
        json.getAsJsonObject("params").entrySet()
            .forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
      }
      JsonObject metric = json.getAsJsonObject("primaryMetric");
      List<String> jvmArgs = new ArrayList<>();
      if (json.has("jvmArgs")) {
        json.getAsJsonArray("jvmArgs").forEach(a -> jvmArgs.add(a.getAsString()));
      }
      String mode = json.get("mode").getAsString();
      String runs = json.get("forks").getAsInt() + " fork, "
          + json.get("warmupIterations").getAsInt() + " warm-up"
          + (mode.equals("ss") ? "" : " × " + json.get("warmupTime").getAsString()) + ", "
          + json.get("measurementIterations").getAsInt() + " measured"
          + (mode.equals("ss") ? " run" : " × " + json.get("measurementTime").getAsString());
      String cpu = null;
      if (json.has("secondaryMetrics")
          && json.getAsJsonObject("secondaryMetrics").has(JvmCpuProfiler.LABEL)) {
        JsonObject metrics = json.getAsJsonObject("secondaryMetrics")
            .getAsJsonObject(JvmCpuProfiler.LABEL);
        cpu = format(metrics.get("score").getAsDouble()) + " "
            + metrics.get("scoreUnit").getAsString().replace("/op", "");
      }
      Double median = null;
      if (metric.has("scorePercentiles")
          && metric.getAsJsonObject("scorePercentiles").has("50.0")) {
        median = number(metric.getAsJsonObject("scorePercentiles").get("50.0"));
      }
      return new Result(json.get("benchmark").getAsString(), mode,
          json.get("threads").getAsInt(), params, metric.get("score").getAsDouble(),
          number(metric.get("scoreError")), metric.get("scoreUnit").getAsString(), jvmArgs,
          json.get("vmName").getAsString() + " " + json.get("jdkVersion").getAsString(),
          json.get("jmhVersion").getAsString(), runs, cpu, median);
    }

    /** @return the figure a ratio or limit compares: the median of samples, else the score */
    double central() {
      return mode.equals(SAMPLE) && median != null && !median.isNaN() ? median : score;
    }

    /** @return {@link #central()} in milliseconds, for a time unit such as {@code us/op} */
    double centralMillis() {
      String perOp = unit.replace("/op", "");
      double factor = switch (perOp) {
        case "ns" -> 1e-6;
        case "us" -> 1e-3;
        case "ms" -> 1;
        case "s" -> 1e3;
        default -> throw new IllegalStateException("not a time unit: " + unit);
      };
      return central() * factor;
    }

    private static double number(@Nullable JsonElement element) {
      if (element == null || element.isJsonNull()) {
        return Double.NaN;
      }
      try {
        return element.getAsDouble();
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    boolean is(String shortName) {
      return benchmark.equals(PACKAGE + shortName);
    }

    boolean isTime() {
      return !mode.equals("thrpt");
    }

    String scoreText() {
      if (central() != score) {
        return format(central()) + " " + unit + " median (mean " + format(score) + ")";
      }
      String value = format(score);
      return Double.isNaN(error) || error == 0 ? value + " " + unit
          : value + " ± " + format(error) + " " + unit;
    }

    static String format(double value) {
      if (Math.abs(value) >= 100) {
        return String.format(Locale.ROOT, "%,.0f", value);
      }
      if (Math.abs(value) >= 10) {
        return String.format(Locale.ROOT, "%.1f", value);
      }
      return String.format(Locale.ROOT, "%.2f", value);
    }
  }

  /**
   * One line of the table: a comparison at one thread count and parameter set, or the stream
   * run. A missing side means that benchmark was not run or failed.
   */
  record Row(@Nullable Comparison comparison, @Nullable Result sdk, @Nullable Result baseline,
      @Nullable String streamHeap) {

    static Row stream(@Nullable Result result) {
      String heap = result == null ? PostgresStreamBenchmark.HEAP
          : result.jvmArgs().stream().filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b)
              .orElse("no -Xmx");
      return new Row(null, result, null, heap);
    }

    String key() {
      return comparison == null ? "stream" : comparison.key();
    }

    String label() {
      String params = sdk == null || sdk.params().isEmpty() ? "" : " " + sdk.params().entrySet()
          .stream().map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b)
          .map(p -> "(" + p + ")").orElse("");
      if (comparison == null) {
        String count = sdk == null ? "1000000" : sdk.params().getOrDefault("customers", "?");
        if (count.matches("\\d{1,18}")) {
          count = String.format(Locale.ROOT, "%,d", Long.parseLong(count));
        }
        return "PostgreSQL: " + count + " customers from a stream under " + streamHeap;
      }
      if (comparison.scaleParam() != null && sdk != null && baseline != null) {
        String param = comparison.scaleParam();
        return comparison.operation() + " (" + param + "=" + sdk.params().get(param)
            + " against " + baseline.params().get(param) + ")";
      }
      return comparison.operation() + params;
    }

    String threadsText() {
      return sdk == null ? "-" : Integer.toString(sdk.threads());
    }

    String sdkText() {
      return sdk == null ? "no result" : sdk.scoreText();
    }

    String baselineText() {
      if (comparison == null || comparison.baseline() == null) {
        return "-";
      }
      return baseline == null ? "no result" : baseline.scoreText();
    }

    @Nullable Double ratio() {
      if (sdk == null || baseline == null || sdk.central() == 0 || baseline.central() == 0) {
        return null;
      }
      return sdk.isTime() ? baseline.central() / sdk.central()
          : sdk.central() / baseline.central();
    }

    String cpuText() {
      String sdkCpu = sdk == null || sdk.cpu() == null ? "-" : sdk.cpu();
      if (comparison == null || comparison.baseline() == null) {
        return sdkCpu;
      }
      return sdkCpu + " / " + (baseline == null || baseline.cpu() == null ? "-" : baseline.cpu());
    }

    String ratioText() {
      Double ratio = ratio();
      return ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    String goalText() {
      if (comparison == null) {
        return "completes under " + PostgresStreamBenchmark.HEAP;
      }
      if (comparison.maxMillis() != null) {
        return String.format(Locale.ROOT, "median < %s ms", Result.format(comparison.maxMillis()));
      }
      return comparison.goal() == null ? "-"
          : String.format(Locale.ROOT, ">= %.1fx", comparison.goal());
    }

    /** @return true, false, or null where there is no goal */
    @Nullable Boolean met() {
      if (comparison == null) {
        return sdk != null && PostgresStreamBenchmark.HEAP.equals(streamHeap);
      }
      if (comparison.maxMillis() != null) {
        return sdk != null && sdk.centralMillis() < comparison.maxMillis();
      }
      if (comparison.goal() == null) {
        return null;
      }
      Double ratio = ratio();
      return ratio != null && ratio >= comparison.goal();
    }

    boolean missed() {
      return Objects.equals(met(), Boolean.FALSE);
    }

    String metText() {
      Boolean met = met();
      return met == null ? "-" : met ? "yes" : "**no**";
    }

    String measured() {
      if (comparison == null) {
        return sdk == null
            ? "The stream run has no result: it failed (out of memory or fewer customers"
                + " created than streamed) or was not run; see the run's output."
            : "Completed in " + sdk.scoreText() + " in a fork with " + streamHeap + " ("
                + sdk.runs() + ").";
      }
      if (comparison.maxMillis() != null) {
        return sdk == null ? "No result: it failed or was not run; see the run's output."
            : sdk.threads() + " thread" + (sdk.threads() == 1 ? "" : "s") + ": "
                + comparison.sdkLabel() + " " + sdk.scoreText() + " where the goal is "
                + goalText() + "; JVM CPU per op " + cpuText() + " (" + sdk.runs() + ").";
      }
      if (sdk == null || baseline == null) {
        return (sdk == null ? "The SDK side" : "The baseline") + " has no result: it failed or"
            + " was not run; see the run's output.";
      }
      return sdk.threads() + " thread" + (sdk.threads() == 1 ? "" : "s") + ": SDK "
          + comparison.sdkLabel() + " " + sdk.scoreText() + " against " + baseline.scoreText()
          + " for the baseline, " + ratioText() + " where the goal is " + goalText()
          + "; JVM CPU per op " + cpuText() + " (" + sdk.runs() + " each).";
    }
  }
}
