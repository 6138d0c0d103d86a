package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.InventoryContractTest;
import io.ledgerkit.testkit.InventoryRawStore;

/** The inventory contract, on PostgreSQL. */
class PostgresInventoryContractTest extends InventoryContractTest {

  @Override
  protected PersistenceAdapter adapter() {
    return TestDatabase.persistence();
  }

  @Override
  protected InventoryRawStore rawInventory() {
    return TestDatabase.rawInventory();
  }
}
