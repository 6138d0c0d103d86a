package io.ledgerkit.mongo;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.InventoryContractTest;
import io.ledgerkit.testkit.InventoryRawStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inventory contract against the in-process server (mongo-java-server), without transactions. */
class MongoInventoryContractTest extends InventoryContractTest {

  private static final String DATABASE = "ledgerkit_inventory_contract";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static InventoryRawStore rawInventory;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.create(mongo.client(), DATABASE);
    rawInventory = new MongoInventoryRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Override
  protected PersistenceAdapter adapter() {
    return adapter;
  }

  @Override
  protected InventoryRawStore rawInventory() {
    return rawInventory;
  }
}
