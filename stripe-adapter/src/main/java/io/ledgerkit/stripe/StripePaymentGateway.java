package io.ledgerkit.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.fee.PaymentRequest;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.PaymentSession;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The core's {@link PaymentGateway} on Stripe Checkout, through stripe-java (API version {@value
 * com.stripe.Stripe#API_VERSION}).
 *
 * <ul>
 *   <li>A checkout is a Checkout Session in payment mode with one line item: the fee's amount in
 *       Stripe's minor units ({@link StripeAmounts}), the configured description, metadata {@code
 *       tenant}, {@code feeId} and {@code attempt} on the session and its payment, and the
 *       configured success and cancel URLs.
 *   <li>Every create carries the attempt's idempotency key, so a retried call (also stripe-java's
 *       own retry after a timeout) gives the same session and never opens a second payment.
 *   <li>Stripe's refusals become {@link PaymentGatewayException}s with Stripe's error code (or
 *       {@code network_error}, {@code authentication_error}, {@code rate_limited}) and a message a
 *       payer may be shown; the core then records a {@code paymentFail} and the fee stays payable.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class StripePaymentGateway implements PaymentGateway {

  private final StripeClient client;
  private final StripeSettings settings;

  private StripePaymentGateway(StripeClient client, StripeSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * @param settings the key, URLs and description
   * @return a gateway with its own Stripe client
   */
  public static StripePaymentGateway create(StripeSettings settings) {
    StripeClient client = StripeClient.builder()
        .setApiKey(settings.apiKey())
        .setApiBase(settings.apiBase().toString().replaceAll("/+$", ""))
        .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
        .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
        .setMaxNetworkRetries(settings.maxNetworkRetries())
        .build();
    return new StripePaymentGateway(client, settings);
  }

  @Override
  public PaymentSession startCheckout(PaymentRequest request) {
    long amount = StripeAmounts.toMinorUnits(request.amount(), request.currency());
    String description = fill(settings.description(), request);
    Map<String, String> metadata = Map.of("tenant", request.tenant().value(),
        "feeId", request.feeId().toString(), "attempt", Integer.toString(request.attempt()));
    SessionCreateParams params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl(fill(settings.successUrl(), request))
        .setCancelUrl(fill(settings.cancelUrl(), request))
        .setClientReferenceId(request.feeId().toString())
        .putAllMetadata(metadata)
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
            .setDescription(description)
            .putAllMetadata(metadata)
            .build())
        .addLineItem(SessionCreateParams.LineItem.builder()
            .setQuantity(1L)
            .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(request.currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setUnitAmount(amount)
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                    .setName(description)
                    .build())
                .build())
            .build())
        .build();
    RequestOptions options = RequestOptions.builder()
        .setIdempotencyKey(request.idempotencyKey())
        .build();
    Session session = call(() -> client.v1().checkout().sessions().create(params, options));
    if (session.getId() == null) {
      throw new PaymentGatewayException("invalid_session", "Stripe answered without a session", null);
    }
    return new PaymentSession(session.getId(), session.getUrl());
  }

  @Override
  public Optional<PaymentResult> outcomeOf(PaymentRequest request, String reference) {
    Session session = call(() -> client.v1().checkout().sessions().retrieve(reference));
    return resultOf(request, session);
  }

  @Override
  public Optional<PaymentResult> expireCheckout(PaymentRequest request, String reference) {
    Session expired;
    try {
      expired = client.v1().checkout().sessions().expire(reference, RequestOptions.getDefault());
    } catch (InvalidRequestException notOpen) {
      // Only open sessions expire: this one ended before, and how it ended decides.
      return outcomeOf(request, reference);
    } catch (StripeException e) {
      throw failure(e);
    }
    return resultOf(request, expired);
  }

  /** @return how a session ended, or empty while it is open or its payment still pending */
  private static Optional<PaymentResult> resultOf(PaymentRequest request, Session session) {
    Map<String, String> metadata = session.getMetadata();
    String feeId = metadata == null ? null : metadata.get("feeId");
    if (!request.feeId().toString().equals(feeId)) {
      throw new PaymentGatewayException("session_mismatch",
          "Stripe's session belongs to another fee", null);
    }
    String status = session.getStatus();
    if ("expired".equals(status)) {
      return Optional.of(PaymentResult.EXPIRED);
    }
    if ("complete".equals(status)) {
      String paid = session.getPaymentStatus();
      return "paid".equals(paid) || "no_payment_required".equals(paid)
          ? Optional.of(PaymentResult.SUCCEEDED) : Optional.empty();
    }
    return Optional.empty();
  }

  private static String fill(String template, PaymentRequest request) {
    return template.replace("{userId}", request.userId())
        .replace("{feeId}", request.feeId().toString())
        .replace("{tenant}", request.tenant().value())
        .replace("{reason}", request.reason().apiName());
  }

  private static <T> T call(StripeCall<T> call) {
    try {
      return call.call();
    } catch (StripeException e) {
      throw failure(e);
    }
  }

  /** Stripe's refusal as the core's typed error, with a message a payer may be shown. */
  static PaymentGatewayException failure(StripeException e) {
    String code;
    String message;
    if (e instanceof CardException card) {
      code = orDefault(card.getCode(), "card_error");
      message = orDefault(card.getUserMessage(), "Your payment method was declined.");
    } else if (e instanceof ApiConnectionException) {
      code = "network_error";
      message = "The payment service could not be reached; please try again.";
    } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
      code = "authentication_error";
      message = "Online payment is not available right now; please pay at the desk.";
    } else if (e instanceof RateLimitException) {
      code = "rate_limited";
      message = "The payment service is busy; please try again in a moment.";
    } else if (e instanceof IdempotencyException) {
      code = "idempotency_error";
      message = "This payment was already started differently; please reload and try again.";
    } else {
      code = orDefault(e.getCode(), "stripe_error");
      message = "The payment could not be started (" + code + "); please try again or pay at the desk.";
    }
    return new PaymentGatewayException(code, message, e);
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @FunctionalInterface
  private interface StripeCall<T> {
    T call() throws StripeException;
  }
}
