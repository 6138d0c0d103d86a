package io.ledgerkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.testkit.InMemoryPersistence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CustomerQuickStartTest {

  @Test
  void theDemoShowsOneCustomerPerPhone() {
    String output = runDemo();

    Matcher creates = Pattern.compile("-> (\\S+) \\+919876543210 \\(isNew=(true|false)").matcher(output);
    List<String[]> lines = creates.results().map(m -> new String[] {m.group(1), m.group(2)}).toList();
    assertEquals(3, lines.size(), output);
    assertEquals(1, lines.stream().map(l -> l[0]).distinct().count(), output);
    assertEquals(List.of("true", "false", "false"), lines.stream().map(l -> l[1]).toList(), output);
    assertTrue(output.contains("refused: [name, phone, contactEmail]"), output);
    assertTrue(output.contains("lookup by phone '98765 43210': Ravi Kumar"), output);
    assertEquals(3, output.lines().filter(l -> l.startsWith("  ")).count(), output);
  }

  @Test
  void theMainRunsOnEmbeddedPostgres() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      CustomerQuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    // Progress comes first, before the slow start of the database.
    assertTrue(output.startsWith(EmbeddedDatabase.externalUrlGiven()
        ? "connecting to the PostgreSQL" : "starting embedded PostgreSQL"), output);
    assertTrue(output.contains("creating Ledgerkit's tables"), output);
    assertTrue(output.contains("(isNew=true, version 1)"), output);
    assertTrue(output.contains("(isNew=false, version 3)"), output);
    assertTrue(output.contains("(ran on "), output);
  }

  private static String runDemo() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CustomerQuickStart.run(Ledgerkit.builder().persistence(new InMemoryPersistence()).build(),
        new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
