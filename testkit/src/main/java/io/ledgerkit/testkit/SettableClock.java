package io.ledgerkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests that stands still until told otherwise. Thread-safe. Hand it to {@code
 * Ledgerkit.builder().clock(..)} and move time with {@link #advance} or {@link #set}.
 */
public final class SettableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** @param start the instant the clock shows until moved */
  public SettableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** A clock standing at 2026-01-01T00:00:00Z. */
  public SettableClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** @param instant the instant the clock shows from now on */
  public void set(Instant instant) {
    now.set(instant);
  }

  /** @param duration how far to move the clock forward */
  public void advance(Duration duration) {
    now.updateAndGet(current -> current.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The returned clock shares this clock's time: moving one moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(now, zone);
  }
}
