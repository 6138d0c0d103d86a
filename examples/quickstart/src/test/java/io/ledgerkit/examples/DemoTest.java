package io.ledgerkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command: the main demo, on embedded PostgreSQL and with --mongo. */
class DemoTest {

  @Test
  void theDemoRunsEveryFeatureOnEmbeddedPostgres() {
    String output = runMain();
    assertTrue(output.startsWith(EmbeddedDatabase.externalUrlGiven()
        ? "connecting to the PostgreSQL" : "starting embedded PostgreSQL"), output);
    assertEveryFeature(output);
    assertTrue(output.contains("(ran on " + (EmbeddedDatabase.externalUrlGiven()
        ? "PostgreSQL at LEDGERKIT_PG_URL" : "embedded PostgreSQL")), output);
  }

  @Test
  void theDemoRunsEveryFeatureOnMongo() {
    String output = runMain(ExampleStore.MONGO);
    assertEveryFeature(output);
    assertTrue(output.contains("(ran on "), output);
    assertTrue(output.contains("MongoDB"), output);
  }

  private static void assertEveryFeature(String output) {
    for (String expected : new String[] {"== Customers", "(isNew=false, version 3)",
        "== Fees", "(isNew=false)", "== Payments", "DUPLICATE", "== Inventory",
        "stock on hand 4 = sum of movements 4"}) {
      assertTrue(output.contains(expected), expected + " in:\n" + output);
    }
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Demo.main(args);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
