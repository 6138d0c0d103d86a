package io.ledgerkit.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.PaymentRequest;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.PaymentSession;
import io.ledgerkit.tenant.TenantId;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The gateway against Stripe's test mode, when {@code STRIPE_TEST_KEY} holds a test secret key
 * ({@code sk_test_...}); skipped otherwise (no network here). Opens a real Checkout Session, sees
 * it open, repeats the create with the same idempotency key, and expires it.
 */
@EnabledIfEnvironmentVariable(named = "STRIPE_TEST_KEY", matches = "sk_test_.+")
class StripeTestModeTest {

  @Test
  void aCheckoutSessionOpensOnceAndExpires() {
    StripePaymentGateway gateway = StripePaymentGateway.create(StripeSettings.of(
        System.getenv("STRIPE_TEST_KEY"), "https://example.com/paid", "https://example.com/back"));
    UUID feeId = UUID.randomUUID();
    PaymentRequest request = new PaymentRequest(TenantId.of("test-mode"), feeId, "member-1",
        new BigDecimal("12.50"), Currency.getInstance("USD"), FeeReason.OVERDUE, 1,
        "ledgerkit-test-" + feeId);

    PaymentSession session = gateway.startCheckout(request);
    assertTrue(session.reference().startsWith("cs_test_"));
    assertEquals(session, gateway.startCheckout(request), "the same key gives the same session");
    assertEquals(Optional.empty(), gateway.outcomeOf(request, session.reference()));
    assertEquals(Optional.of(PaymentResult.EXPIRED), gateway.expireCheckout(request, session.reference()));
  }
}
