package io.ledgerkit.examples;

import io.ledgerkit.Ledgerkit;
import java.io.PrintStream;

/**
 * The main demo, the README's first command: customers, fees, payments and inventory, one after
 * another, on one store (embedded PostgreSQL, or MongoDB with {@code --mongo}).
 */
public final class Demo {

  private Demo() {}

  /**
   * @param args {@code --mongo} for MongoDB instead of PostgreSQL
   */
  public static void main(String[] args) {
    ExampleStore.run(args, (store, out) -> {
      Ledgerkit ledgerkit = store.ledgerkit();
      section(out, "Customers: one per phone, however it is typed");
      CustomerQuickStart.run(ledgerkit, out);
      section(out, "Fees: payable orders with an audit log");
      FeeQuickStart.run(ledgerkit, out);
      section(out, "Payments: Stripe Checkout and its webhooks, exactly once");
      PaymentQuickStart.run(store.adapter(), out);
      section(out, "Inventory: an immutable stock ledger");
      InventoryQuickStart.run(ledgerkit, out);
      out.println();
    });
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }
}
