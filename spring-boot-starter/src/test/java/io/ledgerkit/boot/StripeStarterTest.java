package io.ledgerkit.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.ValidationException;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.stripe.StripePaymentGateway;
import io.ledgerkit.stripe.StripeWebhookHandler;
import io.ledgerkit.stripe.WebhookOutcome;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.InMemoryPersistence;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's Stripe wiring and inventory property, against the local Stripe stand-in. */
class StripeStarterTest {

  private LocalStripe stripe;
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    stripe = LocalStripe.start();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LedgerkitPersistenceAutoConfiguration.class,
            LedgerkitAutoConfiguration.class, LedgerkitStripeAutoConfiguration.class))
        .withBean(PersistenceAdapter.class, InMemoryPersistence::new);
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void withAKeyFeesArePaidThroughStripeAndWebhooksApplied() {
    runner.withPropertyValues("ledgerkit.stripe.secret-key=sk_test_boot",
        "ledgerkit.stripe.success-url=https://host/paid", "ledgerkit.stripe.cancel-url=https://host/back",
        "ledgerkit.stripe.api-base=" + stripe.apiBase(),
        "ledgerkit.stripe.webhook-secrets=whsec_new,whsec_old").run(context -> {
          assertInstanceOf(StripePaymentGateway.class, context.getBean(PaymentGateway.class));
          Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
          Caller staff = register(ledgerkit);
          Fee fee = ledgerkit.fees().assess(staff, FeeDraft.forUser("m-1").withAmount("4.00")).fee();
          String session = ledgerkit.fees().startPayment(staff, fee.id()).session().reference();
          assertTrue(stripe.sessions().containsKey(session));

          stripe.pay(session);
          String event = stripe.event("checkout.session.completed", session);
          StripeWebhookHandler webhooks = context.getBean(StripeWebhookHandler.class);
          WebhookOutcome outcome = webhooks.handle(event,
              LocalStripe.sign(event, "whsec_old", Instant.now().getEpochSecond()));
          assertEquals(WebhookOutcome.Status.APPLIED, outcome.status());
          assertEquals(FeeStatus.PAID, ledgerkit.fees().findById(staff, fee.id()).orElseThrow().status());
        });
  }

  @Test
  void withoutAKeyThereIsNoGatewayAndNoHandler() {
    runner.run(context -> {
      assertTrue(context.getBeansOfType(PaymentGateway.class).isEmpty());
      assertTrue(context.getBeansOfType(StripeWebhookHandler.class).isEmpty());
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      Caller staff = register(ledgerkit);
      Fee fee = ledgerkit.fees().assess(staff, FeeDraft.forUser("m-1").withAmount("4.00")).fee();
      assertEquals("no_gateway", assertThrows(PaymentGatewayException.class,
          () -> ledgerkit.fees().startPayment(staff, fee.id())).code());
    });
  }

  @Test
  void aKeyWithoutUrlsIsRefusedAtStart() {
    runner.withPropertyValues("ledgerkit.stripe.secret-key=sk_test_boot")
        .run(context -> assertTrue(context.getStartupFailure() != null));
  }

  @Test
  void theMovementFutureToleranceIsAProperty() {
    runner.withPropertyValues("ledgerkit.inventory.future-tolerance=0s").run(context -> {
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      Caller staff = register(ledgerkit);
      assertThrows(ValidationException.class, () -> ledgerkit.inventory().record(staff,
          MovementDraft.of("sku", MovementType.RESTOCK, 1).at(Instant.now().plus(Duration.ofSeconds(30)))));
    });
    runner.run(context -> {
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      Caller staff = register(ledgerkit);
      assertEquals(1, ledgerkit.inventory().record(staff, MovementDraft.of("sku", MovementType.RESTOCK, 1)
          .at(Instant.now().plus(Duration.ofSeconds(30)))).stockOnHand(), "five minutes by default");
    });
  }

  private static Caller register(Ledgerkit ledgerkit) {
    String tenant = "boot-" + UUID.randomUUID();
    ledgerkit.tenants().register(TenantId.of(tenant), TenantSettings.defaults());
    return Caller.of(tenant, "staff", Role.STAFF);
  }
}
