package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.Races.race;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers through {@code Ledgerkit.inventory()} on real threads and connections: no
 * overselling, one movement per item and timestamp, transfers that cross without deadlocking, and
 * a settings change racing with sales. Stock on hand equals the sum of the movements afterwards.
 */
class PostgresInventoryConcurrencyTest {

  private static final int THREADS = 8;

  private final InventorySdk sdk = new InventorySdk(TestDatabase.persistence());
  private final JdbcInventoryRawStore raw = TestDatabase.rawInventory();

  @Test
  void eightThreadsSellingOneByOneSellExactlyTheStockAndNotOneMore() throws Exception {
    sdk.restock("sku-1", 1_000);

    List<int[]> outcomes = race(THREADS, thread -> {
      int[] soldAndRefused = new int[2];
      for (int i = 0; i < 250; i++) {
        try {
          sdk.sale("sku-1", 1);
          soldAndRefused[0]++;
        } catch (InsufficientStockException refused) {
          soldAndRefused[1]++;
        }
      }
      return soldAndRefused;
    });

    int sold = outcomes.stream().mapToInt(outcome -> outcome[0]).sum();
    int refused = outcomes.stream().mapToInt(outcome -> outcome[1]).sum();
    assertEquals(1_000, sold);
    assertEquals(1_000, refused);
    assertEquals(0, sdk.inventory.stockOnHand(sdk.staff, "sku-1"));
    assertEquals(0, raw.sumOfMovements(sdk.tenant, "sku-1"));
    assertEquals(1_000, sdk.inventory.list(sdk.staff,
        MovementFilter.all().withType(MovementType.SALE)).total());
    assertEquals(1_001, raw.movements(sdk.tenant).size());
  }

  @Test
  void ofWritersAtOneTimestampExactlyOneWins() throws Exception {
    sdk.restock("sku-1", 10);
    Instant at = sdk.nextTimestamp();

    List<String> outcomes = race(THREADS, thread -> {
      try {
        sdk.inventory.record(sdk.staff,
            MovementDraft.of("sku-1", MovementType.RESTOCK, thread + 1L).at(at));
        return "won " + (thread + 1);
      } catch (ConflictException conflict) {
        return "conflict";
      }
    });

    List<String> winners = outcomes.stream().filter(outcome -> outcome.startsWith("won")).toList();
    assertEquals(1, winners.size(), outcomes.toString());
    assertEquals(THREADS - 1, outcomes.stream().filter("conflict"::equals).count());
    long won = Long.parseLong(winners.get(0).substring(4));
    assertEquals(10 + won, sdk.inventory.stockOnHand(sdk.staff, "sku-1"));
    assertEquals(10 + won, raw.sumOfMovements(sdk.tenant, "sku-1"));
    assertEquals(2, raw.movements(sdk.tenant).size());
  }

  @Test
  void transfersBackAndForthBetweenTwoStoresDoNotDeadlockAndKeepTheTotal() throws Exception {
    Caller here = sdk.staff;
    Caller there = sdk.anotherStore();
    // Enough on both sides for every transfer one way before any comes back.
    sdk.restock("sku-1", 200);
    sdk.inventory.record(there,
        MovementDraft.of("sku-1", MovementType.RESTOCK, 200).at(sdk.nextTimestamp()));

    List<Integer> done = race(THREADS, thread -> {
      Caller from = thread % 2 == 0 ? here : there;
      Caller to = thread % 2 == 0 ? there : here;
      int transfers = 0;
      for (int i = 0; i < 50; i++) {
        sdk.inventory.transfer(from, to, TransferDraft.of("sku-1", 1).at(sdk.nextTimestamp()));
        transfers++;
      }
      return transfers;
    });

    assertEquals(THREADS * 50, done.stream().mapToInt(Integer::intValue).sum());
    long stockHere = sdk.inventory.stockOnHand(here, "sku-1");
    long stockThere = sdk.inventory.stockOnHand(there, "sku-1");
    assertEquals(400, stockHere + stockThere);
    assertEquals(stockHere, raw.sumOfMovements(here.tenant(), "sku-1"));
    assertEquals(stockThere, raw.sumOfMovements(there.tenant(), "sku-1"));
    assertEquals(1 + THREADS * 50, raw.movements(here.tenant()).size(), "a leg of each");
  }

  @Test
  void noSaleThatStartsOnceNegativeStockIsRefusedAgainTakesStockBelowZero() throws Exception {
    sdk.ledgerkit.tenants().updateSettings(sdk.owner,
        TenantSettings.defaults().withAllowNegativeStock(true));
    // Another instance, which keeps the settings it read for an hour.
    InventorySdk seller = sdk.sameStoreElsewhere(Duration.ofHours(1));
    seller.sale("sku-1", 5);
    AtomicBoolean changed = new AtomicBoolean();

    List<Integer> soldAfterTheChange = race(4, thread -> {
      if (thread == 0) {
        sdk.ledgerkit.tenants().updateSettings(sdk.owner, TenantSettings.defaults());
        changed.set(true);
        return 0;
      }
      int sold = 0;
      for (int i = 0; i < 100; i++) {
        boolean after = changed.get();
        try {
          seller.sale("sku-1", 1);
          sold += after ? 1 : 0;
        } catch (InsufficientStockException refused) {
          // Refused: the change was in force.
        }
      }
      return sold;
    });

    assertEquals(List.of(0, 0, 0, 0), soldAfterTheChange);
    long stock = seller.inventory.stockOnHand(seller.staff, "sku-1");
    assertTrue(stock <= -5, "sold while negative stock was allowed: " + stock);
    assertEquals(stock, raw.sumOfMovements(sdk.tenant, "sku-1"));
    assertThrows(InsufficientStockException.class, () -> seller.sale("sku-1", 1));
  }
}
