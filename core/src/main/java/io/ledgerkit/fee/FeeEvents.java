package io.ledgerkit.fee;

import java.util.List;

/** What a fee's audit log tells. */
public final class FeeEvents {

  private FeeEvents() {}

  /**
   * Replays a fee's events: each must start where the one before ended, at the next version (1,
   * 2, 3, ...), the first being the assessment of an unpaid fee.
   *
   * @param events a fee's events, oldest first, as {@link FeeService#history} gives them
   * @return the status they lead to, which is the fee's
   * @throws IllegalStateException if the log is empty or broken
   */
  public static FeeStatus replay(List<FeeEvent> events) {
    if (events.isEmpty() || events.get(0).type() != FeeEventType.ASSESSED
        || events.get(0).toStatus() != FeeStatus.UNPAID) {
      throw new IllegalStateException("a fee's log starts with its assessment");
    }
    FeeStatus status = FeeStatus.UNPAID;
    long version = 0;
    for (FeeEvent event : events) {
      // One event per version, none missing: a lost event is a broken log even where it kept the
      // status (a note, a failed start, a re-assessment).
      if (event.fromStatus() != status || event.feeVersion() != version + 1) {
        throw new IllegalStateException("the log is broken at fee version " + event.feeVersion());
      }
      if (event.fromStatus() != event.toStatus() && !event.fromStatus().canMoveTo(event.toStatus())) {
        throw new IllegalStateException("the log holds a step the table does not have: "
            + event.fromStatus().apiName() + " to " + event.toStatus().apiName());
      }
      status = event.toStatus();
      version = event.feeVersion();
    }
    return status;
  }
}
