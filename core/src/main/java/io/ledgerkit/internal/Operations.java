package io.ledgerkit.internal;

import io.ledgerkit.OperationEvent;
import io.ledgerkit.OperationListener;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs each public operation of a service and reports it to the {@link OperationListener} as it
 * ends. Shared by every service, so that an aggregate adds its rules, not its own instrumentation.
 * With {@link OperationListener#NONE} it only calls the work.
 *
 * <p>No compatibility promise: this class is the SDK's own plumbing.
 */
public final class Operations {

  private final OperationListener listener;
  private final boolean listening;

  /**
   * @param listener told of every operation as it ends
   */
  public Operations(OperationListener listener) {
    this.listener = listener;
    this.listening = listener != OperationListener.NONE;
  }

  /** @return operations reported to nobody */
  public static Operations unobserved() {
    return new Operations(OperationListener.NONE);
  }

  /**
   * @param name the operation's name, such as {@code customers.create}
   * @param work the operation
   * @param <T> what it returns
   * @return what the work returned
   */
  public <T> T call(String name, Supplier<T> work) {
    if (!listening) {
      return work.get();
    }
    long started = System.nanoTime();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      report(name, OperationEvent.Outcome.of(e), started);
      throw e;
    }
    report(name, OperationEvent.Outcome.SUCCESS, started);
    return result;
  }

  /**
   * @param name the operation's name, such as {@code customers.purge}
   * @param work the operation
   */
  public void run(String name, Runnable work) {
    call(name, () -> {
      work.run();
      return null;
    });
  }

  private void report(String name, OperationEvent.Outcome outcome, long started) {
    try {
      listener.completed(
          new OperationEvent(name, outcome, Duration.ofNanos(System.nanoTime() - started)));
    } catch (RuntimeException ignored) {
      // A listener observes; its failure must not turn a completed operation into a failed one.
    }
  }
}
