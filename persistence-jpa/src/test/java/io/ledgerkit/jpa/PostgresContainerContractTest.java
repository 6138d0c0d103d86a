package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.TestPool;
import io.ledgerkit.testkit.CustomerContractTest;
import io.ledgerkit.testkit.RawStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The customer contract against other PostgreSQL versions in Docker, through Testcontainers. Each
 * subclass names one image in a {@code @BeforeAll} and is annotated {@code
 * @Testcontainers(disabledWithoutDocker = true)}, so that it is skipped, not failed, where no
 * Docker engine runs.
 */
abstract class PostgresContainerContractTest extends CustomerContractTest {

  private static PostgreSQLContainer container;
  private static JpaPersistence persistence;
  private static RawStore rawStore;

  /** Starts the image named by the subclass; JUnit runs this once per subclass. */
  static void start(String image) {
    container = new PostgreSQLContainer(image);
    container.start();
    PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
    source.setURL(container.getJdbcUrl());
    source.setUser(container.getUsername());
    source.setPassword(container.getPassword());
    DataSource pool = new TestPool(source);
    persistence = JpaPersistence.create(pool);
    rawStore = new JdbcRawStore(pool);
  }

  @AfterAll
  static void stop() {
    if (persistence != null) {
      persistence.close();
    }
    if (container != null) {
      container.stop();
    }
  }

  @Override
  protected PersistenceAdapter adapter() {
    return persistence;
  }

  @Override
  protected RawStore rawStore() {
    return rawStore;
  }
}
