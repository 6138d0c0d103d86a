package io.ledgerkit.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway talks to Stripe. Immutable; every {@code with} method returns new settings.
 *
 * <pre>{@code
 * StripeSettings settings = StripeSettings.of(System.getenv("STRIPE_SECRET_KEY"),
 *         "https://library.example/fees/paid?session={CHECKOUT_SESSION_ID}",
 *         "https://library.example/fees")
 *     .withDescription("Overdue fee {feeId}");
 * }</pre>
 *
 * @param apiKey the secret key ({@code sk_live_...}, {@code sk_test_...} or a restricted key)
 * @param successUrl where Stripe sends the payer after paying; may hold Stripe's {@code
 *     {CHECKOUT_SESSION_ID}} and the SDK's {@code {feeId}} and {@code {tenant}}
 * @param cancelUrl where Stripe sends the payer who goes back; same placeholders
 * @param description the line item's and payment's description; {@code {userId}}, {@code {feeId}},
 *     {@code {tenant}} and {@code {reason}} are filled in
 * @param apiBase where the Stripe API is; Stripe's own by default, a local stand-in in tests
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param maxNetworkRetries how often a request that timed out or failed on the network is sent
 *     again, with the same idempotency key
 */
public record StripeSettings(String apiKey, String successUrl, String cancelUrl,
    String description, URI apiBase, Duration connectTimeout, Duration readTimeout,
    int maxNetworkRetries) {

  /** The description when none is given: the seed's. */
  public static final String DEFAULT_DESCRIPTION = "Library overdue fee for user {userId}, fee {feeId}";
  /** Stripe's API. */
  public static final URI STRIPE_API = URI.create("https://api.stripe.com");
  /** How long to wait for a connection when nothing else is said. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long to wait for an answer when nothing else is said. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** How often a failed request is retried when nothing else is said. */
  public static final int DEFAULT_MAX_NETWORK_RETRIES = 2;

  /**
   * @throws IllegalArgumentException if a value is missing, a timeout is not positive or the
   *     retries are negative
   */
  public StripeSettings {
    require(apiKey, "apiKey");
    require(successUrl, "successUrl");
    require(cancelUrl, "cancelUrl");
    require(description, "description");
    Objects.requireNonNull(apiBase, "apiBase");
    if (connectTimeout == null || readTimeout == null || connectTimeout.isNegative()
        || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxNetworkRetries < 0) {
      throw new IllegalArgumentException("maxNetworkRetries must not be negative");
    }
  }

  /**
   * @param apiKey the secret key
   * @param successUrl where the payer lands after paying
   * @param cancelUrl where the payer lands after going back
   * @return settings with every other value at its default
   */
  public static StripeSettings of(String apiKey, String successUrl, String cancelUrl) {
    return new StripeSettings(apiKey, successUrl, cancelUrl, DEFAULT_DESCRIPTION, STRIPE_API,
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_NETWORK_RETRIES);
  }

  /** @return these settings with another description template */
  public StripeSettings withDescription(String template) {
    return new StripeSettings(apiKey, successUrl, cancelUrl, template, apiBase, connectTimeout,
        readTimeout, maxNetworkRetries);
  }

  /** @return these settings talking to another API base, such as a {@code LocalStripe} */
  public StripeSettings withApiBase(URI base) {
    return new StripeSettings(apiKey, successUrl, cancelUrl, description, base, connectTimeout,
        readTimeout, maxNetworkRetries);
  }

  /** @return these settings with other timeouts */
  public StripeSettings withTimeouts(Duration connect, Duration read) {
    return new StripeSettings(apiKey, successUrl, cancelUrl, description, apiBase, connect, read,
        maxNetworkRetries);
  }

  /** @return these settings retrying that often */
  public StripeSettings withMaxNetworkRetries(int retries) {
    return new StripeSettings(apiKey, successUrl, cancelUrl, description, apiBase, connectTimeout,
        readTimeout, retries);
  }

  @Override
  public String toString() {
    return "StripeSettings[apiBase=" + apiBase + ", successUrl=" + successUrl + ", cancelUrl="
        + cancelUrl + ", description=" + description + "]";
  }

  private static void require(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
