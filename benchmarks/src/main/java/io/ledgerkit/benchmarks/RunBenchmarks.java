package io.ledgerkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the whole benchmark set ({@link BenchmarkPlan}) and writes the JMH JSON result and
 * {@code RESULTS.md}. Starts one embedded PostgreSQL (unless {@code LEDGERKIT_PG_URL} is set)
 * that every JMH fork uses.
 *
 * <p>Arguments, all optional: {@code --only postgres,inventory,mongo,mongo-inventory,bulk,stream} runs those
 * steps and writes {@code target/RESULTS-partial.md} instead of {@code RESULTS.md}; {@code
 * --table-only} runs nothing and writes the table again from the last JSON result (after editing
 * {@code NOTES.md}); {@code --out FILE} and {@code --json FILE} choose the files.
 */
public final class RunBenchmarks {

  /** The one command, as README.md gives it. */
  static final String COMMAND = "./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests exec:exec";

  private RunBenchmarks() {}

  /**
   * @param args see the class comment
   * @throws Exception if the benchmarks cannot run or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    Logging.quiet();
    List<String> arguments = new ArrayList<>();
    for (String arg : args) {
      arguments.addAll(Arrays.stream(arg.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
    }
    Set<String> steps = new LinkedHashSet<>(BenchmarkPlan.STEPS);
    Path out = Path.of("RESULTS.md");
    Path json = Path.of("target", "jmh-result.json");
    boolean partial = false;
    boolean tableOnly = false;
    for (int i = 0; i < arguments.size(); i++) {
      String arg = arguments.get(i);
      String value = i + 1 < arguments.size() ? arguments.get(i + 1) : "";
      switch (arg) {
        case "--only" -> {
          steps = new LinkedHashSet<>(Arrays.asList(value.split(",")));
          if (!BenchmarkPlan.STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("--only takes some of " + BenchmarkPlan.STEPS);
          }
          partial = true;
          i++;
        }
        case "--table-only" -> tableOnly = true;
        case "--out" -> {
          out = Path.of(value);
          i++;
        }
        case "--json" -> {
          json = Path.of(value);
          i++;
        }
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (partial && !arguments.contains("--out")) {
      out = Path.of("target", "RESULTS-partial.md");
    }
    Path environmentFile = Path.of(json + ".environment.properties");

    if (!tableOnly) {
      String database = describeDatabase(steps);
      Options forks = new OptionsBuilder()
          .jvmArgsAppend("-D" + BenchDatabase.URL_PROPERTY + "=" + BenchDatabase.url(),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
          .build();
      String loadBefore = ResultsTable.Environment.loadAverage();
      long started = System.nanoTime();
      Path table = out;
      Path resultJson = json;
      new BenchmarkPlan(forks, steps).run(results -> {
        // After every step, so that a run stopped half-way still leaves its figures.
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        writeJson(results, resultJson);
        ResultsTable.Environment.ofThisMachine(database,
                "at start " + loadBefore + ", at end " + ResultsTable.Environment.loadAverage(),
                String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60))
            .store(environmentFile);
        ResultsTable.write(resultJson, table, Path.of("NOTES.md"),
            ResultsTable.Environment.load(environmentFile));
      });
    }
    ResultsTable.Environment environment = Files.exists(environmentFile)
        ? ResultsTable.Environment.load(environmentFile)
        : ResultsTable.Environment.ofThisMachine("not recorded", "not recorded", "not recorded");
    List<ResultsTable.Row> rows = ResultsTable.write(json, out, Path.of("NOTES.md"), environment);
    System.out.printf("%n%d table rows from %s written to %s%n", rows.size(),
        json.toAbsolutePath(), out.toAbsolutePath());
    // The embedded server is stopped by its shutdown hook; JMH leaves non-daemon threads behind.
    System.exit(0);
  }

  /**
   * @param results JMH's results
   * @param json where to write them in JMH's JSON format
   * @throws IOException if the file cannot be written
   */
  static void writeJson(Collection<RunResult> results, Path json) throws IOException {
    if (json.getParent() != null) {
      Files.createDirectories(json.getParent());
    }
    try (PrintStream stream = new PrintStream(Files.newOutputStream(json), true,
        StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
    }
  }

  private static String describeDatabase(Set<String> steps) throws SQLException {
    if (!steps.contains("postgres") && !steps.contains("inventory") && !steps.contains("bulk")
        && !steps.contains("stream")) {
      return "not used";
    }
    String where = System.getenv("LEDGERKIT_PG_URL") == null
        ? "embedded (zonky), shared by every fork" : "at LEDGERKIT_PG_URL";
    try (HikariDataSource pool = BenchDatabase.pool("bench-describe");
        Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SHOW server_version")) {
      row.next();
      return row.getString(1) + ", " + where + "; HikariCP pool of " + BenchDatabase.POOL_SIZE
          + " per fork";
    }
  }
}
