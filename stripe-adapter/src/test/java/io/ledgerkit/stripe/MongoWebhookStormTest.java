package io.ledgerkit.stripe;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.mongo.MongoPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storm on the MongoDB adapter, against the in-process server: no multi-document
 * transactions, so each fee change is decided by its fee document and each notification's record
 * by its unique key.
 */
class MongoWebhookStormTest extends WebhookStormTest {

  private static InProcessMongo mongo;
  private static MongoPersistence store;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    store = MongoPersistence.create(mongo.client(), "ledgerkit_webhook_storm");
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Override
  protected PersistenceAdapter adapter() {
    return store;
  }
}
