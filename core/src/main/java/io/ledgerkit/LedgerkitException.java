package io.ledgerkit;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. It is unchecked; the subtypes say what went wrong and
 * carry the context a caller needs (tenant, id, failing fields).
 *
 * <p>No driver, SQL or ORM exception ever reaches the host: an unexpected storage failure arrives
 * as a {@link StorageException}. Every exception serializes, and nothing it carries names a stored
 * value (a phone, a name, a tax number): a driver exception given as cause is kept as a {@link
 * DriverFailure}, with its type and stack trace but without its message.
 */
public class LedgerkitException extends RuntimeException {

  /**
   * @param message what went wrong, for logs and developers
   * @param cause the underlying failure, if any; anything but the SDK's own exceptions is kept as
   *     a {@link DriverFailure}
   */
  public LedgerkitException(String message, @Nullable Throwable cause) {
    super(message, DriverFailure.redact(cause));
  }

  /**
   * @param message what went wrong, for logs and developers
   */
  public LedgerkitException(String message) {
    super(message);
  }
}
