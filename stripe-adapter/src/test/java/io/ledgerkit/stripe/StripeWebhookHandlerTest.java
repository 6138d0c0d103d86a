package io.ledgerkit.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.stripe.StripeWebhookException.Reason;
import io.ledgerkit.stripe.WebhookOutcome.Status;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.InMemoryPersistence;
import io.ledgerkit.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Signed deliveries through the handler, with the SDK on the in-memory store. */
class StripeWebhookHandlerTest {

  private static final String SECRET = "whsec_current";
  private static final String OLD_SECRET = "whsec_rolled";

  private LocalStripe stripe;
  private SettableClock clock;
  private Ledgerkit ledgerkit;
  private FeeService fees;
  private StripeWebhookHandler webhooks;
  private TenantId tenant;
  private Caller staff;
  private Caller member;

  @BeforeEach
  void start() {
    clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    stripe = LocalStripe.start(clock);
    ledgerkit = Ledgerkit.builder().persistence(new InMemoryPersistence()).clock(clock)
        .paymentGateway(StripePaymentGateway.create(StripeSettings.of("sk_test_local",
            "https://x/ok", "https://x/back").withApiBase(stripe.apiBase())))
        .build();
    fees = ledgerkit.fees();
    webhooks = StripeWebhookHandler.create(fees,
        WebhookSettings.of(SECRET, OLD_SECRET).withClock(clock));
    tenant = register();
    staff = Caller.of(tenant.value(), "staff-1", Role.STAFF);
    member = Caller.of(tenant.value(), "member-1", Role.MEMBER);
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void aPaidCheckoutPaysTheFeeOnceHoweverOftenItIsDelivered() {
    Fee fee = feeInProgress();
    String session = fee.paymentReference();
    stripe.pay(session);
    String completed = stripe.event("checkout.session.completed", session);

    assertEquals(Status.APPLIED, deliver(completed).status());
    assertEquals(Status.DUPLICATE, deliver(completed).status());
    assertEquals(Status.DUPLICATE, deliver(completed).status());
    assertEquals(Status.NOT_APPLIED,
        deliver(stripe.event("checkout.session.expired", session)).status(), "a late expiry");
    assertEquals(FeeStatus.PAID, status(fee));
    assertEquals(1, count(fee, FeeEventType.PAYMENT_SUCCESS));
  }

  @Test
  void asynchronousPaymentsSettleOnTheirLaterEvent() {
    Fee succeeding = feeInProgress();
    stripe.completeUnpaid(succeeding.paymentReference());
    assertEquals(Status.PENDING,
        deliver(stripe.event("checkout.session.completed", succeeding.paymentReference())).status());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, status(succeeding));
    assertEquals(Status.APPLIED, deliver(stripe.event("checkout.session.async_payment_succeeded",
        succeeding.paymentReference())).status());
    assertEquals(FeeStatus.PAID, status(succeeding));

    Fee failing = feeInProgress();
    stripe.completeUnpaid(failing.paymentReference());
    assertEquals(Status.APPLIED, deliver(stripe.event("checkout.session.async_payment_failed",
        failing.paymentReference())).status());
    assertEquals(FeeStatus.UNPAID, status(failing));

    Fee expiring = feeInProgress();
    stripe.expire(expiring.paymentReference());
    assertEquals(Status.APPLIED,
        deliver(stripe.event("checkout.session.expired", expiring.paymentReference())).status());
    assertEquals(FeeStatus.UNPAID, status(expiring));
  }

  @Test
  void aRolledSecretStillVerifiesUntilItIsDropped() {
    Fee fee = feeInProgress();
    stripe.pay(fee.paymentReference());
    String payload = stripe.event("checkout.session.completed", fee.paymentReference());
    String byOldSecret = LocalStripe.sign(payload, OLD_SECRET, now());
    assertEquals(Status.APPLIED, webhooks.handle(payload, byOldSecret).status());
    StripeWebhookHandler dropped = StripeWebhookHandler.create(fees,
        WebhookSettings.of(SECRET).withClock(clock));
    refused(Reason.BAD_SIGNATURE, () -> dropped.handle(payload, byOldSecret));
  }

  @Test
  void unsignedForgedStaleTamperedMalformedAndHugeDeliveriesAreRefusedAndChangeNothing() {
    Fee fee = feeInProgress();
    stripe.pay(fee.paymentReference());
    String payload = stripe.event("checkout.session.completed", fee.paymentReference());

    refused(Reason.UNSIGNED, () -> webhooks.handle(payload, null));
    refused(Reason.UNSIGNED, () -> webhooks.handle(payload, ""));
    refused(Reason.UNSIGNED, () -> webhooks.handle(payload, "v1=abc"));
    refused(Reason.UNSIGNED, () -> webhooks.handle(payload, "t=" + now()));
    refused(Reason.BAD_SIGNATURE, () -> webhooks.handle(payload,
        LocalStripe.sign(payload, "whsec_someone_else", now())));
    refused(Reason.BAD_SIGNATURE, () -> webhooks.handle(payload.replace("\"paid\"", "\"unpaid\""),
        LocalStripe.sign(payload, SECRET, now())));
    refused(Reason.BAD_SIGNATURE, () -> webhooks.handle(payload,
        "t=" + (now() + 1) + "," + LocalStripe.sign(payload, SECRET, now()).split(",")[1]));
    refused(Reason.STALE, () -> webhooks.handle(payload, LocalStripe.sign(payload, SECRET, now() - 301)));
    refused(Reason.STALE, () -> webhooks.handle(payload, LocalStripe.sign(payload, SECRET, now() + 301)));
    for (String bad : List.of("{not json", "[]", "null", "{\"id\":\"evt_1\",\"type\":\"x\"}",
        "{\"id\":1,\"type\":\"checkout.session.completed\",\"data\":{\"object\":{}}}")) {
      refused(Reason.MALFORMED, () -> webhooks.handle(bad, LocalStripe.sign(bad, SECRET, now())));
    }
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
    refused(Reason.MALFORMED, () -> webhooks.handle(notUtf8,
        LocalStripe.sign(new String(notUtf8, StandardCharsets.ISO_8859_1), SECRET, now())));
    String huge = payload.substring(0, payload.length() - 1) + ",\"padding\":\"" + "x".repeat(1 << 20)
        + "\"}";
    refused(Reason.TOO_LARGE, () -> webhooks.handle(huge, LocalStripe.sign(huge, SECRET, now())));
    refused(Reason.MALFORMED, () -> webhooks.handle((byte[]) null, "t=1,v1=x"));

    StripeWebhookHandler tolerant = StripeWebhookHandler.create(fees,
        WebhookSettings.of(SECRET).withClock(clock).withTolerance(Duration.ofMinutes(10)));
    assertEquals(Status.APPLIED,
        tolerant.handle(payload, LocalStripe.sign(payload, SECRET, now() - 301)).status(),
        "the tolerance is configurable");
  }

  @Test
  void eventsThatAreNotAboutOneOfTheTenantsFeesChangeNothing() {
    Fee fee = feeInProgress();
    String session = fee.paymentReference();
    stripe.pay(session);
    Map<String, Object> object = new LinkedHashMap<>(stripe.session(session).orElseThrow());

    assertOutcome(Status.UNHANDLED_TYPE, stripe.event("evt_" + UUID.randomUUID(),
        "payment_intent.succeeded", object), fee);
    assertOutcome(Status.UNHANDLED_TYPE, stripe.event("evt_" + UUID.randomUUID(),
        "customer.created", Map.of("id", "cus_1")), fee);
    for (Map<String, Object> metadata : List.<Map<String, Object>>of(Map.of(),
        Map.of("tenant", tenant.value()), Map.of("feeId", fee.id().toString()),
        Map.of("tenant", tenant.value(), "feeId", "not-a-uuid"),
        Map.of("tenant", " ", "feeId", fee.id().toString()))) {
      object.put("metadata", metadata);
      assertOutcome(Status.NOT_A_FEE, stripe.event("evt_" + UUID.randomUUID(),
          "checkout.session.completed", object), fee);
    }
    TenantId other = register();
    object.put("metadata", Map.of("tenant", other.value(), "feeId", fee.id().toString()));
    assertOutcome(Status.UNKNOWN_FEE, stripe.event("evt_" + UUID.randomUUID(),
        "checkout.session.completed", object), fee);
    object.put("metadata", Map.of("tenant", "never-registered", "feeId", fee.id().toString()));
    assertOutcome(Status.UNKNOWN_TENANT, stripe.event("evt_" + UUID.randomUUID(),
        "checkout.session.completed", object), fee);
    object.put("metadata", Map.of("tenant", tenant.value(), "feeId", UUID.randomUUID().toString()));
    assertOutcome(Status.UNKNOWN_FEE, stripe.event("evt_" + UUID.randomUUID(),
        "checkout.session.completed", object), fee);

    String genuine = stripe.event("checkout.session.completed", session);
    StripeWebhookHandler otherEndpoint = StripeWebhookHandler.forTenant(fees,
        WebhookSettings.of(SECRET).withClock(clock), other);
    assertEquals(Status.FOREIGN_TENANT,
        otherEndpoint.handle(genuine, LocalStripe.sign(genuine, SECRET, now())).status());
    assertEquals(FeeStatus.PAYMENT_IN_PROGRESS, status(fee));
    StripeWebhookHandler ownEndpoint = StripeWebhookHandler.forTenant(fees,
        WebhookSettings.of(SECRET).withClock(clock), tenant);
    assertEquals(Status.APPLIED,
        ownEndpoint.handle(genuine, LocalStripe.sign(genuine, SECRET, now())).status());
  }

  private void assertOutcome(Status expected, String payload, Fee fee) {
    List<FeeEvent> before = fees.history(staff, fee.id());
    assertEquals(expected, deliver(payload).status(), payload);
    assertEquals(before, fees.history(staff, fee.id()), "nothing changed");
  }

  private void refused(Reason reason, Executable delivery) {
    Fee anyFee = fees.list(staff, FeeFilter.all()).items().get(0);
    List<FeeEvent> before = fees.history(staff, anyFee.id());
    StripeWebhookException e = assertThrows(StripeWebhookException.class, delivery);
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(before, fees.history(staff, anyFee.id()), "a refused delivery changes nothing");
  }

  private WebhookOutcome deliver(String payload) {
    return webhooks.handle(payload, LocalStripe.sign(payload, SECRET, now()));
  }

  private Fee feeInProgress() {
    Fee fee = fees.assess(staff, FeeDraft.forUser("member-1").withAmount("3.00")).fee();
    return fees.startPayment(member, fee.id()).fee();
  }

  private FeeStatus status(Fee fee) {
    return fees.findById(staff, fee.id()).orElseThrow().status();
  }

  private long count(Fee fee, FeeEventType type) {
    return fees.history(staff, fee.id()).stream().filter(e -> e.type() == type).count();
  }

  private TenantId register() {
    TenantId id = TenantId.of("library-" + UUID.randomUUID());
    ledgerkit.tenants().register(id, TenantSettings.defaults());
    return id;
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
