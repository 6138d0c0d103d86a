package io.ledgerkit;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the records of this page, in the requested order
 * @param total how many records match the filter over all pages
 * @param offset the position of the first item among all matches
 * @param limit the page size that was asked for
 * @param <T> the record type
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

  /** Copies the item list, so that the page is immutable. */
  public Page {
    items = List.copyOf(items);
  }

  /** @return whether more matches follow this page */
  public boolean hasNext() {
    return (long) offset + items.size() < total;
  }
}
