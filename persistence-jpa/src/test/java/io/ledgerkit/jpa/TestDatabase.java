package io.ledgerkit.jpa;

import io.ledgerkit.testkit.TestPostgres;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * This module's view of the test server ({@link TestPostgres}): one adapter on its pool, shared by
 * every test, and readers of the adapter's tables; tests keep apart by using fresh random tenants.
 */
final class TestDatabase {

  private static final JpaPersistence PERSISTENCE = JpaPersistence.create(TestPostgres.pool());

  private TestDatabase() {}

  /** @return a new non-pooling data source on the test server */
  static PGSimpleDataSource dataSource() {
    return TestPostgres.dataSource();
  }

  /** @return the connection pool the shared adapter uses */
  static DataSource pool() {
    return TestPostgres.pool();
  }

  /** @return the adapter every test shares, migrated */
  static JpaPersistence persistence() {
    return PERSISTENCE;
  }

  /** @return a reader of the shared adapter's customer table */
  static JdbcRawStore rawStore() {
    return new JdbcRawStore(pool());
  }

  /** @return a reader of the shared adapter's fee and fee event tables */
  static JdbcFeeRawStore rawFees() {
    return new JdbcFeeRawStore(pool());
  }

  /** @return a reader of the shared adapter's movement and stock tables */
  static JdbcInventoryRawStore rawInventory() {
    return new JdbcInventoryRawStore(pool());
  }

  /** @return a data source whose connections use a new, empty schema of their own */
  static PGSimpleDataSource freshSchema() {
    return TestPostgres.freshSchema();
  }

  /** @param dataSource a data source {@link #freshSchema()} returned, whose schema is dropped */
  static void dropSchema(PGSimpleDataSource dataSource) {
    TestPostgres.dropSchema(dataSource);
  }

  static void execute(DataSource dataSource, String sql) {
    TestPostgres.execute(dataSource, sql);
  }
}
