package io.ledgerkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.testkit.InMemoryPersistence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each feature's example, on the in-memory store, says what the SDK did. */
class FeatureQuickStartsTest {

  @Test
  void theFeeExampleShowsReassessmentRefusalAndTheLog() {
    String output = capture(out -> FeeQuickStart.run(ledgerkit(), out));
    assertTrue(output.contains("3.75 USD, version 2 (isNew=false)"), output);
    assertTrue(output.contains("-> refused: it is waived"), output);
    assertLine(output, "take 3.75 in cash for the overdue fee", "paid");
    assertEquals(3, output.lines().filter(l -> l.startsWith("  v")).count(), output);
    assertLine(output, "member-ravi looks up asha's fee", "not found");
  }

  @Test
  void theInventoryExampleRefusesTheOversellAndSumsUp() {
    String output = capture(out -> InventoryQuickStart.run(ledgerkit(), out));
    assertLine(output, "sale -8", "refused: insufficient stock");
    assertLine(output, "correct the sale by +1 (sold 2)", "stock 8");
    assertTrue(output.contains("-> downtown 4, airport 4"), output);
    assertTrue(output.contains("stock on hand 4 = sum of movements 4"), output);
    assertTrue(output.contains("refused: the item has a movement at that time"), output);
  }

  @Test
  void thePaymentExamplePaysOnceAndRefusesTheForgery() {
    String output = capture(out -> PaymentQuickStart.run(new InMemoryPersistence(), out));
    assertTrue(output.contains("the same checkout: true (Stripe sessions: 1)"), output);
    assertTrue(output.contains("refused: BAD_SIGNATURE"), output);
    assertLine(output, "Stripe delivers the paid event (1)", "APPLIED");
    assertLine(output, "Stripe delivers the paid event (2)", "DUPLICATE");
    assertLine(output, "Stripe delivers the paid event (3)", "DUPLICATE");
    assertTrue(output.lines().anyMatch(l -> l.matches("  v3 paymentSuccess +-> paid .*")), output);
  }

  /** The output has a line "input  -> result...", however the columns are padded. */
  private static void assertLine(String output, String input, String result) {
    assertTrue(output.lines().anyMatch(line -> line.matches(
        Pattern.quote(input) + " +-> " + Pattern.quote(result) + ".*")),
        input + " -> " + result + " in:\n" + output);
  }

  private static Ledgerkit ledgerkit() {
    return Ledgerkit.builder().persistence(new InMemoryPersistence()).build();
  }

  static String capture(Consumer<PrintStream> demo) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    demo.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
