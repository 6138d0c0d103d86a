package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.CustomerContractTest;
import io.ledgerkit.testkit.RawStore;

/** The customer contract, on PostgreSQL. */
class PostgresCustomerContractTest extends CustomerContractTest {

  @Override
  protected PersistenceAdapter adapter() {
    return TestDatabase.persistence();
  }

  @Override
  protected RawStore rawStore() {
    return TestDatabase.rawStore();
  }
}
