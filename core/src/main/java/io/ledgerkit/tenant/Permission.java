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
  TENANT_SETTINGS,
  /** Read every fee of the tenant and its history. */
  FEE_READ,
  /** Read one's own fees (those whose {@code userId} is the caller's) and their history. */
  FEE_READ_OWN,
  /** Assess fees, and assess an unpaid fee again. */
  FEE_ASSESS,
  /** Waive, cancel and manually settle fees, and add notes to them. */
  FEE_MANAGE,
  /** Soft-delete an unpaid fee. */
  FEE_DELETE,
  /** Start and refresh the payment of any fee of the tenant. */
  FEE_PAY,
  /** Start and refresh the payment of one's own fees. */
  FEE_PAY_OWN,
  /** Record the result a payment provider reported (webhooks, expiry). */
  FEE_PAYMENT_RESULT,
  /** Read movements and stock on hand. */
  INVENTORY_READ,
  /** Record movements, corrections, and transfers (in both stores). */
  INVENTORY_WRITE
}
