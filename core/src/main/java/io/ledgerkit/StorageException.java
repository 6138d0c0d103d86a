package io.ledgerkit;

/**
 * The store failed in a way the SDK did not expect (connection lost, server error). The message
 * names the operation and the driver's error code (an SQLState, a MongoDB code); the cause is a
 * {@link DriverFailure} with the driver exception's type and stack trace, for logs, but not its
 * message, which may quote stored values. No driver type appears in the SDK's signatures. Whether
 * the write happened is unknown only where the adapter documents it; on PostgreSQL the transaction
 * was rolled back.
 */
public class StorageException extends LedgerkitException {

  /**
   * @param message what the SDK was doing
   * @param cause the driver's exception, kept as a {@link DriverFailure}
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
