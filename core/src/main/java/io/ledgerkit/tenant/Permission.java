package io.ledgerkit.tenant;

/** What an operation needs the caller to be allowed. Checked through the {@link AccessPolicy}. */
public enum Permission {
  /** Read customers: by id, by phone, listings. */
  CUSTOMER_READ,
  /** Create and update single customers, find-or-create. */
  CUSTOMER_WRITE,
  /** Soft delete and restore customers. */
  CUSTOMER_DELETE,
  /** Erase a customer for good (a privacy request). */
  CUSTOMER_PURGE,
  /** Bulk create, update and delete by id list or by query. */
  CUSTOMER_BULK,
  /** Change the tenant's own settings. */
  TENANT_SETTINGS
}
