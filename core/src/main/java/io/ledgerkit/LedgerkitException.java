package io.ledgerkit;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. It is unchecked; the subtypes say what went wrong and
 * carry the context a caller needs (tenant, id, failing fields).
 *
 * <p>No driver, SQL or ORM exception ever reaches the host: an unexpected storage failure arrives
 * as a {@link StorageException} with the original as its cause.
 */
public class LedgerkitException extends RuntimeException {

  /**
   * @param message what went wrong, for logs and developers
   * @param cause the underlying failure, if any
   */
  public LedgerkitException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what went wrong, for logs and developers
   */
  public LedgerkitException(String message) {
    super(message);
  }
}
