package io.ledgerkit.stripe;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.jpa.JpaPersistence;
import io.ledgerkit.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;

/**
 * The storm on PostgreSQL (embedded, or the server in {@code LEDGERKIT_PG_URL}): concurrent
 * deliveries of one event race on the fee's version and on the key of its processed-event record.
 */
class PostgresWebhookStormTest extends WebhookStormTest {

  private static final JpaPersistence PERSISTENCE =
      JpaPersistence.create(TestPostgres.pool());

  @AfterAll
  static void closeAdapter() {
    PERSISTENCE.close();
  }

  @Override
  protected PersistenceAdapter adapter() {
    return PERSISTENCE;
  }
}
