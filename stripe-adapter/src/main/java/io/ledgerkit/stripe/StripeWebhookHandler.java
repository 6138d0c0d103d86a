package io.ledgerkit.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.PaymentEvent;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Stripe's webhook deliveries, which come late, twice, out of order or never, into exactly
 * one effect per payment. The host mounts it on its own HTTP endpoint and passes the raw body and
 * the {@code Stripe-Signature} header:
 *
 * <pre>{@code
 * StripeWebhookHandler webhooks = StripeWebhookHandler.create(ledgerkit.fees(),
 *     WebhookSettings.of(System.getenv("STRIPE_WEBHOOK_SECRET")));
 *
 * // in the host's controller, for POST /stripe/webhook
 * try {
 *   webhooks.handle(rawBody, request.getHeader("Stripe-Signature"));
 *   return 200;
 * } catch (StripeWebhookException refused) {
 *   return 400;
 * }
 * }</pre>
 *
 * <p>A delivery is verified first: signed under one of the endpoint's secrets (more than one
 * during a rotation), within the tolerance of its timestamp, not larger than the limit; otherwise
 * a {@link StripeWebhookException} and nothing is read. Then {@code checkout.session.completed}
 * (paid), {@code checkout.session.async_payment_succeeded}, {@code
 * checkout.session.async_payment_failed} and {@code checkout.session.expired} become payment
 * results for the fee named by the session's metadata, applied by {@link
 * FeeService#recordPaymentEvent} under the SYSTEM caller of the tenant the metadata names; the
 * event id is recorded so that a redelivery has no second effect. Every other event, and events
 * for sessions that are not the SDK's, for an unknown tenant or fee, or (for an endpoint bound to
 * one tenant) for another tenant, are acknowledged, logged through SLF4J without their body, and
 * change nothing. A storage failure is thrown as it is: the host answers 500 and Stripe retries.
 *
 * <p>Thread-safe.
 */
public final class StripeWebhookHandler {

  /** The source name under which Stripe's events are recorded as processed. */
  public static final String SOURCE = "stripe";
  /** The user id of the SYSTEM caller webhooks act as. */
  public static final String WEBHOOK_USER = "stripe-webhook";

  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookHandler.class);
  private static final Set<String> HANDLED = Set.of("checkout.session.completed",
      "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
      "checkout.session.expired");

  private final FeeService fees;
  private final WebhookSettings settings;
  private final @Nullable TenantId boundTenant;

  private StripeWebhookHandler(FeeService fees, WebhookSettings settings,
      @Nullable TenantId boundTenant) {
    this.fees = Objects.requireNonNull(fees, "fees");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.boundTenant = boundTenant;
  }

  /**
   * @param fees the SDK's fees
   * @param settings secrets, tolerance and limits
   * @return a handler for an endpoint shared by every tenant: the session's metadata names it
   */
  public static StripeWebhookHandler create(FeeService fees, WebhookSettings settings) {
    return new StripeWebhookHandler(fees, settings, null);
  }

  /**
   * @param fees the SDK's fees
   * @param settings secrets, tolerance and limits
   * @param tenant the only tenant this endpoint serves
   * @return a handler for one tenant's endpoint: events naming another tenant change nothing
   */
  public static StripeWebhookHandler forTenant(FeeService fees, WebhookSettings settings,
      TenantId tenant) {
    return new StripeWebhookHandler(fees, settings, Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * @param body the request body, exactly as received
   * @param signature the {@code Stripe-Signature} header, or null if it was missing
   * @return what the delivery did; answer it with 200
   * @throws StripeWebhookException if the delivery is not a genuine, fresh Stripe event; answer
   *     it with 400
   */
  public WebhookOutcome handle(byte @Nullable [] body, @Nullable String signature) {
    if (body == null) {
      throw new StripeWebhookException(StripeWebhookException.Reason.MALFORMED, "no body");
    }
    if (body.length > settings.maxPayloadBytes()) {
      throw new StripeWebhookException(StripeWebhookException.Reason.TOO_LARGE, "a body of "
          + body.length + " bytes is over the limit of " + settings.maxPayloadBytes());
    }
    String payload;
    try {
      payload = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new StripeWebhookException(StripeWebhookException.Reason.MALFORMED, "not UTF-8");
    }
    verify(payload, signature);
    return dispatch(parse(payload));
  }

  /**
   * As {@link #handle(byte[], String)}, for a host whose framework gives the body as text; it must
   * be the body exactly as received, or the signature will not match.
   *
   * @param body the request body
   * @param signature the {@code Stripe-Signature} header, or null
   * @return what the delivery did
   * @throws StripeWebhookException if the delivery is not a genuine, fresh Stripe event
   */
  public WebhookOutcome handle(@Nullable String body, @Nullable String signature) {
    return handle(body == null ? null : body.getBytes(StandardCharsets.UTF_8), signature);
  }

  private void verify(String payload, @Nullable String header) {
    if (header == null || header.isBlank()) {
      throw new StripeWebhookException(StripeWebhookException.Reason.UNSIGNED,
          "no Stripe-Signature header");
    }
    long timestamp = timestampOf(header);
    if (timestamp <= 0 || !header.contains("v1=")) {
      throw new StripeWebhookException(StripeWebhookException.Reason.UNSIGNED,
          "the Stripe-Signature header has no timestamp or no v1 signature");
    }
    boolean matched = false;
    for (String secret : settings.secrets()) {
      try {
        // Tolerance 0: the signature only; the age is judged below, both ways.
        matched = Webhook.Signature.verifyHeader(payload, header, secret, 0);
      } catch (SignatureVerificationException wrong) {
        matched = false;
      }
      if (matched) {
        break;
      }
    }
    if (!matched) {
      throw new StripeWebhookException(StripeWebhookException.Reason.BAD_SIGNATURE,
          "no signature matches under the endpoint's secrets");
    }
    long now = settings.clock().instant().getEpochSecond();
    if (Math.abs(now - timestamp) > settings.tolerance().toSeconds()) {
      throw new StripeWebhookException(StripeWebhookException.Reason.STALE, "signed at " + timestamp
          + ", " + Math.abs(now - timestamp) + " s from now; the tolerance is "
          + settings.tolerance().toSeconds() + " s");
    }
  }

  private static long timestampOf(String header) {
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("t=")) {
        try {
          return Long.parseLong(item.substring(2));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static Event parse(String payload) {
    try {
      JsonElement root = JsonParser.parseString(payload);
      if (!root.isJsonObject()) {
        throw malformed();
      }
      JsonObject event = root.getAsJsonObject();
      String id = string(event, "id");
      String type = string(event, "type");
      JsonElement data = event.get("data");
      if (id == null || type == null || data == null || !data.isJsonObject()
          || !data.getAsJsonObject().has("object")
          || !data.getAsJsonObject().get("object").isJsonObject()) {
        throw malformed();
      }
      return new Event(id, type, data.getAsJsonObject().getAsJsonObject("object"));
    } catch (JsonParseException | IllegalStateException e) {
      throw malformed();
    }
  }

  private WebhookOutcome dispatch(Event event) {
    if (!HANDLED.contains(event.type())) {
      LOG.debug("Stripe event {} of type {} is not handled; acknowledged", event.id(), event.type());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.UNHANDLED_TYPE);
    }
    JsonObject session = event.object();
    String sessionId = string(session, "id");
    JsonElement metadataElement = session.get("metadata");
    JsonObject metadata = metadataElement != null && metadataElement.isJsonObject()
        ? metadataElement.getAsJsonObject() : new JsonObject();
    String tenant = string(metadata, "tenant");
    UUID feeId = uuid(string(metadata, "feeId"));
    if (sessionId == null || tenant == null || feeId == null) {
      LOG.warn("Stripe event {} ({}) is not about a Ledgerkit fee (no tenant or fee id in the"
          + " session's metadata); acknowledged, nothing changed", event.id(), event.type());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.NOT_A_FEE);
    }
    Caller system;
    try {
      system = new Caller(TenantId.of(tenant), WEBHOOK_USER, Set.of(Role.SYSTEM));
    } catch (ValidationException notAnId) {
      LOG.warn("Stripe event {} ({}) names no valid tenant; acknowledged, nothing changed",
          event.id(), event.type());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.NOT_A_FEE);
    }
    if (boundTenant != null && !boundTenant.equals(system.tenant())) {
      LOG.warn("Stripe event {} ({}) names another tenant than this endpoint's; acknowledged,"
          + " nothing changed", event.id(), event.type());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.FOREIGN_TENANT);
    }
    PaymentResult result = resultOf(event.type(), string(session, "payment_status"));
    try {
      PaymentEventOutcome outcome = fees.recordPaymentEvent(system,
          new PaymentEvent(SOURCE, event.id(), event.type(), feeId, sessionId, result));
      WebhookOutcome.Status status = WebhookOutcome.Status.of(outcome);
      if (status == WebhookOutcome.Status.UNKNOWN_FEE) {
        LOG.warn("Stripe event {} ({}) names fee {}, which its tenant does not have; acknowledged,"
            + " nothing changed", event.id(), event.type(), feeId);
      } else {
        LOG.debug("Stripe event {} ({}) for fee {}: {}", event.id(), event.type(), feeId, status);
      }
      return WebhookOutcome.of(event.id(), event.type(), status);
    } catch (UnknownTenantException unknown) {
      LOG.warn("Stripe event {} ({}) names a tenant the SDK does not know; acknowledged, nothing"
          + " changed", event.id(), event.type());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.UNKNOWN_TENANT);
    } catch (ValidationException invalid) {
      LOG.warn("Stripe event {} ({}) carries values the SDK refuses ({}); acknowledged, nothing"
          + " changed", event.id(), event.type(), invalid.fields());
      return WebhookOutcome.of(event.id(), event.type(), WebhookOutcome.Status.NOT_A_FEE);
    }
  }

  /** @return the payment result of a handled event, or null while a payment is still pending */
  static @Nullable PaymentResult resultOf(String type, @Nullable String paymentStatus) {
    return switch (type) {
      case "checkout.session.completed" ->
          "paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)
              ? PaymentResult.SUCCEEDED : null;
      case "checkout.session.async_payment_succeeded" -> PaymentResult.SUCCEEDED;
      case "checkout.session.async_payment_failed" -> PaymentResult.FAILED;
      case "checkout.session.expired" -> PaymentResult.EXPIRED;
      default -> null;
    };
  }

  private static @Nullable String string(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
        ? value.getAsString() : null;
  }

  private static @Nullable UUID uuid(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      UUID parsed = UUID.fromString(value);
      return parsed.toString().equals(value) ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static StripeWebhookException malformed() {
    return new StripeWebhookException(StripeWebhookException.Reason.MALFORMED,
        "not the JSON of a Stripe event");
  }

  private record Event(String id, String type, JsonObject object) {}
}
