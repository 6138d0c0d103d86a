package io.ledgerkit.testkit;

/**
 * Thrown by an adapter's crash hook in place of the process dying between two writes. An {@link
 * Error}, so that nothing on the way up catches and translates it: the writes before it stay, the
 * ones after it never happen, as after a real crash.
 */
public final class SimulatedCrash extends Error {

  private static final long serialVersionUID = 1L;

  /** @param write which write of the sequence the process "died" after, from 1 */
  public SimulatedCrash(int write) {
    super("simulated crash after write " + write);
  }
}
