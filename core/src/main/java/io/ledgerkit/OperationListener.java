package io.ledgerkit;

/**
 * Observes every operation of the SDK as it ends (metrics, tracing, audit logs of the host's own),
 * including those the core refuses before any store is called: invalid input, access denied, an
 * unknown tenant. Set with {@link Ledgerkit.Builder#listener}; the Spring Boot starter records
 * them as Micrometer timers.
 *
 * <p>Called on the thread that ran the operation, after its last write, so it must be quick and
 * thread-safe. It cannot change the operation: what it throws is ignored.
 */
@FunctionalInterface
public interface OperationListener {

  /** A listener that does nothing; the default. */
  OperationListener NONE = event -> { };

  /**
   * @param event the operation that just ended
   */
  void completed(OperationEvent event);
}
