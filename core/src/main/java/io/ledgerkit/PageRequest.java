package io.ledgerkit;

/**
 * Which slice of a listing to return.
 *
 * @param offset how many matches to skip, at least 0
 * @param limit how many to return, from 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {

  /** The largest page the SDK returns. */
  public static final int MAX_LIMIT = 1000;
  /** The page size used when none is given. */
  public static final int DEFAULT_LIMIT = 50;
  /** The first page of {@link #DEFAULT_LIMIT} records. */
  public static final PageRequest FIRST = new PageRequest(0, DEFAULT_LIMIT);

  /**
   * @throws ValidationException if the offset is negative or the limit out of range
   */
  public PageRequest {
    if (offset < 0) {
      throw ValidationException.of("offset", FieldError.INVALID, "must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ValidationException.of("limit", FieldError.INVALID, "must be between 1 and " + MAX_LIMIT);
    }
  }

  /**
   * @param offset how many matches to skip
   * @param limit how many to return
   * @return the page request
   */
  public static PageRequest of(int offset, int limit) {
    return new PageRequest(offset, limit);
  }

  /** @return the page after this one */
  public PageRequest next() {
    return new PageRequest(offset + limit, limit);
  }
}
