package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.FeeContractTest;
import io.ledgerkit.testkit.FeeRawStore;

/** The fee contract, on PostgreSQL. */
class PostgresFeeContractTest extends FeeContractTest {

  @Override
  protected PersistenceAdapter adapter() {
    return TestDatabase.persistence();
  }

  @Override
  protected FeeRawStore rawFees() {
    return TestDatabase.rawFees();
  }
}
