package io.ledgerkit.customer;

/** The order of a customer listing. Ties are broken by id, so paging is stable. */
public enum CustomerSort {
  /** Most recently created first; the default. */
  NEWEST_FIRST,
  /** Oldest first. */
  OLDEST_FIRST,
  /** By name, then newest first. */
  NAME
}
