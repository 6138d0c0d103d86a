package io.ledgerkit.mongo;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.CustomerContractTest;
import io.ledgerkit.testkit.RawStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The customer contract against the in-process server (mongo-java-server), without transactions. */
class MongoServerCustomerContractTest extends CustomerContractTest {

  private static final String DATABASE = "ledgerkit_contract";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static RawStore rawStore;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.create(mongo.client(), DATABASE);
    rawStore = new MongoRawStore(mongo.client(), DATABASE);
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
  protected RawStore rawStore() {
    return rawStore;
  }
}
