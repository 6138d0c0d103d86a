package io.ledgerkit;

/**
 * The store failed in a way the SDK did not expect (connection lost, server error). The original
 * driver exception is the cause, for logs; its type never appears in the SDK's signatures. Whether
 * the write happened is unknown only where the adapter documents it; on PostgreSQL the transaction
 * was rolled back.
 */
public class StorageException extends LedgerkitException {

  /**
   * @param message what the SDK was doing
   * @param cause the driver's exception
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
