package io.ledgerkit;

import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.tenant.TenantRepository;

/**
 * A storage engine for the SDK: one repository per aggregate. Implemented by {@code
 * ledgerkit-persistence-jpa} (PostgreSQL) and {@code ledgerkit-persistence-mongo} (MongoDB);
 * {@code ledgerkit-testkit} holds an in-memory reference and the contract suite every adapter
 * passes.
 *
 * <p>Adapters store and read; every rule lives in the core. Each repository method is atomic on
 * its own, scoped to the tenant it is given, and reports expected collisions as {@link
 * ConflictException}. Where the SPI needs several records to change as one, it asks for it in a
 * single method, so that an engine without multi-document transactions can still make it atomic.
 */
public interface PersistenceAdapter {

  /** @return where tenants and their settings live */
  TenantRepository tenants();

  /** @return where customers live */
  CustomerRepository customers();

  /**
   * @return where fees and their audit events live
   * @throws UnsupportedOperationException if this adapter stores no fees (the default, so that an
   *     adapter written before fees existed keeps compiling); {@link Ledgerkit#fees()} then says so
   */
  default FeeRepository fees() {
    throw new UnsupportedOperationException(getClass().getName() + " stores no fees");
  }

  /**
   * @return where stock movements and stock on hand live
   * @throws UnsupportedOperationException if this adapter stores no inventory (the default, so
   *     that an adapter written before inventory existed keeps compiling); {@link
   *     Ledgerkit#inventory()} then says so
   */
  default InventoryRepository inventory() {
    throw new UnsupportedOperationException(getClass().getName() + " stores no inventory");
  }
}
