package io.ledgerkit.internal;

import io.ledgerkit.LedgerkitException;
import io.ledgerkit.StorageException;
import java.util.function.Supplier;

/**
 * Runs a call into a persistence adapter so that whatever it lets slip (a driver exception it did
 * not map) reaches the host as a {@link StorageException}, never as a driver type. The SDK's own
 * exceptions pass through unchanged.
 */
public final class StoreCalls {

  private StoreCalls() {}

  /**
   * @param store which store is called, for the message, e.g. {@code customer}
   * @param operation which method, for the message
   * @param call the call
   * @param <T> what the call returns
   * @return what the call returned
   * @throws LedgerkitException what the call threw, wrapped in a {@link StorageException} unless
   *     it was one already
   */
  public static <T> T guard(String store, String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (LedgerkitException e) {
      throw e;
    } catch (RuntimeException e) {
      // The driver's message may quote stored values (customer data); it stays in the cause.
      throw new StorageException(
          store + " store failed in " + operation + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
