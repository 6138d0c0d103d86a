package io.ledgerkit.fee;

import java.util.Objects;

/**
 * One change of a fee with the event that records it, to be written as one.
 *
 * @param next the fee after the change, at version {@code expectedVersion + 1}
 * @param expectedVersion the version the change was computed from; the write applies only while
 *     the stored fee is still at it
 * @param event the audit event, at {@code feeVersion == next.version()}
 */
public record FeeTransition(Fee next, long expectedVersion, FeeEvent event) {

  /** Checks that the parts belong together. */
  public FeeTransition {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(event, "event");
    if (next.version() != expectedVersion + 1 || event.feeVersion() != next.version()
        || !event.feeId().equals(next.id()) || !event.tenant().equals(next.tenant())) {
      throw new IllegalArgumentException("the transition's fee, version and event do not match");
    }
  }
}
