package io.ledgerkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.CustomerContractTest;
import io.ledgerkit.testkit.RawStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The customer contract against a real MongoDB 7 (a single-node replica set) in Docker. Skipped,
 * not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerCustomerContractTest extends CustomerContractTest {

  private static final String DATABASE = "ledgerkit_contract";

  private static MongoDBContainer container;
  private static MongoClient client;
  private static MongoPersistence adapter;
  private static RawStore rawStore;

  @BeforeAll
  static void start() {
    container = new MongoDBContainer("mongo:7").withReplicaSet();
    container.start();
    client = MongoClients.create(container.getReplicaSetUrl(DATABASE));
    adapter = MongoPersistence.create(client, DATABASE);
    rawStore = new MongoRawStore(client, DATABASE);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (container != null) {
      container.stop();
    }
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
