package io.ledgerkit.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.Stripe;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.fee.PaymentOutcome;
import io.ledgerkit.fee.PaymentRequest;
import io.ledgerkit.fee.PaymentStart;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.InMemoryPersistence;
import io.ledgerkit.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway through the SDK, against the local stand-in of the Stripe API. */
class StripePaymentGatewayTest {

  private LocalStripe stripe;
  private SettableClock clock;
  private FeeService fees;
  private TenantId tenant;
  private Caller staff;
  private Caller member;
  private Caller system;

  @BeforeEach
  void start() {
    clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    stripe = LocalStripe.start(clock);
    StripePaymentGateway gateway = StripePaymentGateway.create(
        StripeSettings.of("sk_test_local", "https://library.example/paid?s={CHECKOUT_SESSION_ID}",
                "https://library.example/fees/{feeId}")
            .withApiBase(stripe.apiBase())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(new InMemoryPersistence()).clock(clock)
        .paymentGateway(gateway).build();
    fees = ledgerkit.fees();
    tenant = TenantId.of("library-" + UUID.randomUUID());
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    staff = Caller.of(tenant.value(), "staff-1", Role.STAFF);
    member = Caller.of(tenant.value(), "member-7", Role.MEMBER);
    system = Caller.of(tenant.value(), "system", Role.SYSTEM);
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void startingPaymentOpensOneCheckoutSessionForTheFee() {
    Fee fee = assess("12.50", "USD");
    PaymentStart start = fees.startPayment(member, fee.id());

    assertTrue(start.session().reference().startsWith("cs_test_"));
    assertEquals(stripe.apiBase() + "/pay/" + start.session().reference(), start.session().url());
    List<LocalStripe.Request> creates = creates();
    assertEquals(1, creates.size());
    Map<String, String> params = creates.get(0).params();
    assertEquals("1250", params.get("line_items[0][price_data][unit_amount]"));
    assertEquals("usd", params.get("line_items[0][price_data][currency]"));
    assertEquals("1", params.get("line_items[0][quantity]"));
    assertEquals("payment", params.get("mode"));
    String description = "Library overdue fee for user member-7, fee " + fee.id();
    assertEquals(description, params.get("line_items[0][price_data][product_data][name]"));
    assertEquals(description, params.get("payment_intent_data[description]"));
    assertEquals(tenant.value(), params.get("metadata[tenant]"));
    assertEquals(fee.id().toString(), params.get("metadata[feeId]"));
    assertEquals("1", params.get("metadata[attempt]"));
    assertEquals(fee.id().toString(), params.get("payment_intent_data[metadata][feeId]"));
    assertEquals("https://library.example/paid?s={CHECKOUT_SESSION_ID}", params.get("success_url"));
    assertEquals("https://library.example/fees/" + fee.id(), params.get("cancel_url"));
    assertEquals("ledgerkit-fee-" + fee.id() + "-1-12.50USD", creates.get(0).idempotencyKey());
    assertEquals(Stripe.API_VERSION, creates.get(0).stripeVersion(), "the pinned API version");

    FeeEvent attempt = last(fees.history(staff, fee.id()));
    assertEquals(FeeEventType.PAYMENT_ATTEMPT, attempt.type());
    assertEquals(start.session().reference(), attempt.details().paymentReference());
    assertEquals(start.session().url(), attempt.details().paymentUrl());

    PaymentStart again = fees.startPayment(member, fee.id());
    assertEquals(start.session(), again.session(), "a second click gives the same checkout");
    assertEquals(1, stripe.sessions().size(), "and opens no second session");
    assertEquals(2, creates().size());
    assertEquals(creates.get(0).idempotencyKey(), creates().get(1).idempotencyKey());
  }

  @Test
  void amountsFollowStripesCurrencyRules() {
    fees.startPayment(member, assess("500", "JPY").id());
    fees.startPayment(member, assess("5.125", "KWD").id());
    fees.startPayment(member, assess("7", "ISK").id());
    List<String> amounts = creates().stream()
        .map(r -> r.params().get("line_items[0][price_data][currency]") + " "
            + r.params().get("line_items[0][price_data][unit_amount]"))
        .toList();
    assertEquals(List.of("jpy 500", "kwd 5120", "isk 700"), amounts);
  }

  @Test
  void aDescriptionTemplateIsFilledIn() {
    StripePaymentGateway custom = StripePaymentGateway.create(
        StripeSettings.of("sk_test_local", "https://x/ok", "https://x/back")
            .withDescription("{reason} fee {feeId} of {userId} at {tenant}")
            .withApiBase(stripe.apiBase()));
    Fee fee = assess("3.00", "EUR");
    custom.startCheckout(new PaymentRequest(tenant, fee.id(), "member-7",
        fee.amount(), fee.currency(), FeeReason.LOST, 1, "key-1"));
    assertEquals("lost fee " + fee.id() + " of member-7 at " + tenant.value(),
        creates().get(0).params().get("line_items[0][price_data][product_data][name]"));
  }

  @Test
  void aStripeErrorLeavesTheFeePayableRecordsItAndIsTyped() {
    Fee fee = assess("20.00", "USD");
    stripe.failNext(1, 402, "card_error", "card_declined", "Your card was declined.");
    PaymentGatewayException declined = assertThrows(PaymentGatewayException.class,
        () -> fees.startPayment(member, fee.id()));
    assertEquals("card_declined", declined.code());
    assertEquals("Your card was declined.", declined.getMessage());
    Fee after = fees.findById(staff, fee.id()).orElseThrow();
    assertEquals(FeeStatus.UNPAID, after.status());
    FeeEvent failed = last(fees.history(staff, fee.id()));
    assertEquals(FeeEventType.PAYMENT_FAIL, failed.type());
    assertEquals("card_declined", failed.details().error());

    PaymentStart retry = fees.startPayment(member, fee.id());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, retry.fee().status());
    assertEquals("ledgerkit-fee-" + fee.id() + "-2-20.00USD", last(creates()).idempotencyKey(),
        "the next attempt has a key of its own");

    stripe.failNext(1, 401, "invalid_request_error", null, "Invalid API Key provided");
    PaymentGatewayException auth = assertThrows(PaymentGatewayException.class,
        () -> fees.startPayment(member, assess("1.00", "USD").id()));
    assertEquals("authentication_error", auth.code());
  }

  @Test
  void aCurrencyStripeRejectsIsATypedErrorAndTheFeeStaysUnpaid() {
    Fee fee = assess("1000.00", "IRR");
    PaymentGatewayException refused = assertThrows(PaymentGatewayException.class,
        () -> fees.startPayment(member, fee.id()));
    assertEquals("parameter_invalid_string", refused.code());
    assertEquals(FeeStatus.UNPAID, fees.findById(staff, fee.id()).orElseThrow().status());
    assertEquals(0, stripe.sessions().size());
    Fee fraction = assess("100.50", "MGA");
    PaymentGatewayException local = assertThrows(PaymentGatewayException.class,
        () -> fees.startPayment(member, fraction.id()));
    assertEquals("amount_invalid", local.code(), "refused before Stripe is asked");
    assertEquals(1, creates().size());
  }

  @Test
  void aTimeoutIsRetriedWithTheSameKeyAndOpensOneSession() {
    Fee fee = assess("9.99", "USD");
    stripe.delayNext(1, Duration.ofSeconds(2));
    PaymentStart start = fees.startPayment(member, fee.id());

    List<LocalStripe.Request> creates = creates();
    assertEquals(2, creates.size(), "the timed-out request and its retry");
    assertEquals(creates.get(0).idempotencyKey(), creates.get(1).idempotencyKey());
    assertEquals(1, stripe.sessions().size());
    assertEquals(start.session().reference(), stripe.sessions().keySet().iterator().next());
  }

  @Test
  void refreshSettlesAPaymentWhoseWebhookNeverCame() {
    Fee fee = assess("4.00", "USD");
    String session = fees.startPayment(member, fee.id()).session().reference();
    PaymentOutcome open = fees.refreshPayment(member, fee.id());
    assertFalse(open.applied(), "still open at Stripe");
    stripe.completeUnpaid(session);
    assertFalse(fees.refreshPayment(member, fee.id()).applied(), "an async payment still pending");
    stripe.pay(session);
    PaymentOutcome paid = fees.refreshPayment(member, fee.id());
    assertTrue(paid.applied());
    assertEquals(FeeStatus.PAID, paid.fee().status());
  }

  @Test
  void abandonedCheckoutsAreExpiredAtStripeBeforeTheFeeIsReverted() {
    Fee abandoned = assess("4.00", "USD");
    String abandonedSession = fees.startPayment(member, abandoned.id()).session().reference();
    Fee paidLate = assess("5.00", "USD");
    String paidSession = fees.startPayment(member, paidLate.id()).session().reference();
    stripe.pay(paidSession);
    clock.advance(Duration.ofHours(2));

    List<PaymentOutcome> outcomes = fees.expireAbandonedPayments(system, Duration.ofHours(1));

    assertEquals(2, outcomes.size());
    assertEquals("expired", stripe.session(abandonedSession).orElseThrow().get("status"),
        "the checkout can no longer be paid");
    assertEquals(FeeStatus.UNPAID, fees.findById(staff, abandoned.id()).orElseThrow().status());
    assertEquals(FeeStatus.PAID, fees.findById(staff, paidLate.id()).orElseThrow().status());
    assertTrue(stripe.requests().stream().anyMatch(
        r -> r.path().equals("/v1/checkout/sessions/" + abandonedSession + "/expire")));
  }

  private Fee assess(String amount, String currency) {
    return fees.assess(staff, FeeDraft.forUser("member-7").withAmount(amount).withCurrency(currency)
        .withReason(FeeReason.OVERDUE)).fee();
  }

  private List<LocalStripe.Request> creates() {
    return stripe.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/v1/checkout/sessions"))
        .toList();
  }

  private static <T> T last(List<T> items) {
    return items.get(items.size() - 1);
  }
}
