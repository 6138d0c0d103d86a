package io.ledgerkit.testkit;

import io.ledgerkit.PersistenceAdapter;

/**
 * The customer contract every persistence adapter passes. Extend it, return the adapter under
 * test and a {@link RawStore} reading the same store. The suite uses a fresh random tenant in
 * every test, so the store need not be emptied between tests.
 */
public abstract class CustomerContractTest {

  /** @return the adapter under test; may be the same instance for every test */
  protected abstract PersistenceAdapter adapter();

  /** @return a reader of the same store that bypasses the adapter */
  protected abstract RawStore rawStore();
}
