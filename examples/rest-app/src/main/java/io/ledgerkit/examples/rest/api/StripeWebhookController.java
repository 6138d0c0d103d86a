package io.ledgerkit.examples.rest.api;

import io.ledgerkit.examples.rest.security.SecurityConfig;
import io.ledgerkit.stripe.StripeWebhookHandler;
import io.ledgerkit.stripe.WebhookOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Stripe's webhook endpoint, without a bearer token (Stripe signs its deliveries instead; see
 * {@link SecurityConfig}): the raw body and the {@code Stripe-Signature} header go to the starter's
 * {@link StripeWebhookHandler}, which verifies them and applies the payment result exactly once.
 * Every verified delivery is answered 200 with what it did; a refused one 400 ({@code
 * webhookRefused}); a storage failure 500, and Stripe delivers again.
 */
@RestController
@Tag(name = "stripe", description = "Stripe's signed webhook deliveries")
public class StripeWebhookController {

  private final ObjectProvider<StripeWebhookHandler> handler;

  /** @param handler the starter's handler, present when ledgerkit.stripe.webhook-secrets is set */
  public StripeWebhookController(ObjectProvider<StripeWebhookHandler> handler) {
    this.handler = handler;
  }

  /**
   * @param body the delivery's body, exactly as received
   * @param signature the {@code Stripe-Signature} header
   * @return what the delivery did
   */
  @PostMapping("/stripe/webhook")
  @SecurityRequirements
  @Operation(summary = "Stripe's webhook deliveries (signed with the endpoint's secret)")
  public WebhookOutcome receive(@RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
    StripeWebhookHandler webhooks = handler.getIfAvailable();
    if (webhooks == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND,
          "webhooks are not configured (ledgerkit.stripe.webhook-secrets)");
    }
    return webhooks.handle(body, signature);
  }
}
