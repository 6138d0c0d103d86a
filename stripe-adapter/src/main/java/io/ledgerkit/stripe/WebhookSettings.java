package io.ledgerkit.stripe;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link StripeWebhookHandler} verifies deliveries. Immutable.
 *
 * @param secrets the endpoint's signing secrets ({@code whsec_...}); a delivery signed under any
 *     of them is accepted, so that a secret can be rolled without a gap
 * @param tolerance how far a delivery's signing time may lie from now, either way
 * @param maxPayloadBytes the largest body accepted; Stripe's events are a few kilobytes
 * @param clock what "now" is
 */
public record WebhookSettings(List<String> secrets, Duration tolerance, int maxPayloadBytes,
    Clock clock) {

  /** The tolerance when nothing else is said: Stripe's own default, five minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
  /** The largest body accepted when nothing else is said: 256 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

  /**
   * @throws IllegalArgumentException if there is no secret, a blank one, a tolerance that is not
   *     positive, or a limit below one byte
   */
  public WebhookSettings {
    if (secrets == null || secrets.isEmpty()
        || secrets.stream().anyMatch(secret -> secret == null || secret.isBlank())) {
      throw new IllegalArgumentException("at least one signing secret, none blank");
    }
    secrets = List.copyOf(secrets);
    if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("the tolerance must be positive");
    }
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be at least 1");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param secrets the endpoint's signing secrets, the current one first
   * @return settings with the default tolerance, limit and the system clock
   */
  public static WebhookSettings of(String... secrets) {
    return new WebhookSettings(secrets == null ? List.of() : Arrays.asList(secrets),
        DEFAULT_TOLERANCE, DEFAULT_MAX_PAYLOAD_BYTES, Clock.systemUTC());
  }

  /** @return these settings with another tolerance */
  public WebhookSettings withTolerance(Duration value) {
    return new WebhookSettings(secrets, value, maxPayloadBytes, clock);
  }

  /** @return these settings with another body limit */
  public WebhookSettings withMaxPayloadBytes(int value) {
    return new WebhookSettings(secrets, tolerance, value, clock);
  }

  /** @return these settings with another clock */
  public WebhookSettings withClock(Clock value) {
    return new WebhookSettings(secrets, tolerance, maxPayloadBytes, value);
  }

  @Override
  public String toString() {
    return "WebhookSettings[" + secrets.size() + " secret(s), tolerance=" + tolerance
        + ", maxPayloadBytes=" + maxPayloadBytes + "]";
  }
}
