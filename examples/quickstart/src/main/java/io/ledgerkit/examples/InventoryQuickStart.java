package io.ledgerkit.examples;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.ValidationException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The stock ledger: restocks and sales, a refused oversell, a correction, a duplicate timestamp, a
 * transfer between two stores, and stock on hand that always equals the sum of the movements.
 *
 * <p>Run it with {@code ./mvnw -B -ntp -pl examples/quickstart -am package -DskipTests exec:java
 * -Dexec.mainClass=io.ledgerkit.examples.InventoryQuickStart} (add {@code -Dexec.args=--mongo}
 * for MongoDB).
 */
public final class InventoryQuickStart {

  private InventoryQuickStart() {}

  /**
   * @param args {@code --mongo} for MongoDB instead of PostgreSQL
   */
  public static void main(String[] args) {
    ExampleStore.run(args, (store, out) -> run(store.ledgerkit(), out));
  }

  /**
   * The demo itself, on any SDK instance.
   *
   * @param ledgerkit the SDK
   * @param out where to report
   */
  static void run(Ledgerkit ledgerkit, PrintStream out) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TenantId downtown = TenantId.of("demo-downtown-" + suffix);
    TenantId airport = TenantId.of("demo-airport-" + suffix);
    ledgerkit.tenants().register(downtown, TenantSettings.defaults());
    ledgerkit.tenants().register(airport, TenantSettings.defaults());
    Caller clerk = Caller.of(downtown.value(), "clerk-3", Role.STAFF);
    Caller clerkAtAirport = Caller.of(airport.value(), "clerk-3", Role.STAFF);
    InventoryService inventory = ledgerkit.inventory();
    String sku = "umbrella-blue";
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    show(out, "restock +10", inventory.record(clerk,
        MovementDraft.of(sku, MovementType.RESTOCK, 10).at(start)));
    RecordedMovement sale = inventory.record(clerk,
        MovementDraft.of(sku, MovementType.SALE, -3).at(start.plusSeconds(1)));
    show(out, "sale -3", sale);
    try {
      inventory.record(clerk, MovementDraft.of(sku, MovementType.SALE, -8).at(start.plusSeconds(2)));
    } catch (InsufficientStockException refused) {
      out.printf("%-34s -> refused: insufficient stock, nothing written%n", "sale -8");
    }
    try {
      inventory.record(clerk, MovementDraft.of(sku, MovementType.SALE, 2).at(start.plusSeconds(2)));
    } catch (ValidationException refused) {
      out.printf("%-34s -> refused: %s%n", "sale +2", refused.errors().get(0).message());
    }
    try {
      inventory.record(clerk, MovementDraft.of(sku, MovementType.RESTOCK, 1).at(start));
    } catch (ConflictException refused) {
      out.printf("%-34s -> refused: the item has a movement at that time%n",
          "restock +1 at the first timestamp");
    }
    show(out, "correct the sale by +1 (sold 2)", inventory.record(clerk,
        MovementDraft.correcting(sale.movement().id(), 1, "sold 2, not 3").at(start.plusSeconds(3))));
    Transfer transfer = inventory.transfer(clerk, clerkAtAirport,
        TransferDraft.of(sku, 4).withReason("airport shop ran out").at(start.plusSeconds(4)));
    out.printf("%-34s -> downtown %d, airport %d (transfer %s)%n", "transfer 4 downtown -> airport",
        transfer.sourceStockOnHand(), inventory.stockOnHand(clerkAtAirport, sku),
        transfer.transferId().toString().substring(0, 8));

    out.println("movements of " + sku + " downtown, newest first:");
    List<Movement> movements = inventory.list(clerk, MovementFilter.all().withItemId(sku)).items();
    long sum = 0;
    for (Movement movement : movements) {
      sum += movement.quantityDelta();
      out.printf("  %-17s %+4d  %s%n", movement.type().apiName(), movement.quantityDelta(),
          movement.reason() == null ? "" : movement.reason());
    }
    out.printf("stock on hand %d = sum of movements %d%n", inventory.stockOnHand(clerk, sku), sum);
  }

  private static void show(PrintStream out, String input, RecordedMovement result) {
    out.printf("%-34s -> stock %d%n", input, result.stockOnHand());
  }
}
