package io.ledgerkit.stripe;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.InMemoryPersistence;

/** The storm on the in-memory reference store. */
class InMemoryWebhookStormTest extends WebhookStormTest {

  private final InMemoryPersistence store = new InMemoryPersistence();

  @Override
  protected PersistenceAdapter adapter() {
    return store;
  }
}
