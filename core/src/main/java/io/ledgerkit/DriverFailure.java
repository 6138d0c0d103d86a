package io.ledgerkit;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a driver's exception as the cause of a {@link LedgerkitException}: it keeps the
 * driver exception's type and stack trace (and those of its causes), but not its message, which
 * may quote stored values (a unique-index violation quotes the phone, a check violation the whole
 * row). It serializes without the driver on the class path.
 */
public final class DriverFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;
  /** How many causes deep the chain is kept. */
  private static final int MAX_DEPTH = 8;

  private final String driverType;

  private DriverFailure(String driverType, @Nullable DriverFailure cause) {
    super(driverType + " (message withheld: it may quote stored values)", cause);
    this.driverType = driverType;
  }

  /** @return the class name of the driver exception this stands in for */
  public String driverType() {
    return driverType;
  }

  /**
   * @param cause any cause given to a {@link LedgerkitException}
   * @return the cause itself when it is the SDK's own (a {@link LedgerkitException} or a {@code
   *     DriverFailure}), otherwise a {@code DriverFailure} standing in for it; null for null
   */
  static @Nullable Throwable redact(@Nullable Throwable cause) {
    if (cause == null || cause instanceof LedgerkitException || cause instanceof DriverFailure) {
      return cause;
    }
    return of(cause, 0, new IdentityHashMap<>());
  }

  private static DriverFailure of(Throwable original, int depth, Map<Throwable, Boolean> seen) {
    seen.put(original, Boolean.TRUE);
    Throwable next = original.getCause();
    DriverFailure cause = next == null || depth >= MAX_DEPTH || seen.containsKey(next)
        ? null : of(next, depth + 1, seen);
    DriverFailure failure = new DriverFailure(original.getClass().getName(), cause);
    failure.setStackTrace(original.getStackTrace());
    return failure;
  }
}
