package io.ledgerkit.examples;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.PaymentStart;
import io.ledgerkit.stripe.StripePaymentGateway;
import io.ledgerkit.stripe.StripeSettings;
import io.ledgerkit.stripe.StripeWebhookException;
import io.ledgerkit.stripe.StripeWebhookHandler;
import io.ledgerkit.stripe.WebhookSettings;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.io.PrintStream;
import java.time.Instant;
import java.util.UUID;

/**
 * Paying a fee through Stripe Checkout, against {@link LocalStripe}, a stand-in of the Stripe API
 * in this JVM: the checkout opens once however often the member clicks, the signed webhook pays
 * the fee once however often it arrives, and a forged one is refused.
 *
 * <p>Run it with {@code ./mvnw -B -ntp -pl examples/quickstart -am package -DskipTests exec:java
 * -Dexec.mainClass=io.ledgerkit.examples.PaymentQuickStart} (add {@code -Dexec.args=--mongo} for
 * MongoDB).
 */
public final class PaymentQuickStart {

  private static final String WEBHOOK_SECRET = "whsec_demo";

  private PaymentQuickStart() {}

  /**
   * @param args {@code --mongo} for MongoDB instead of PostgreSQL
   */
  public static void main(String[] args) {
    ExampleStore.run(args, (store, out) -> run(store.adapter(), out));
  }

  /**
   * The demo itself, on any store.
   *
   * @param store where the SDK stores
   * @param out where to report
   */
  static void run(PersistenceAdapter store, PrintStream out) {
    try (LocalStripe stripe = LocalStripe.start()) {
      out.println("starting a local stand-in of the Stripe API on " + stripe.apiBase() + "...");
      StripePaymentGateway gateway = StripePaymentGateway.create(StripeSettings.of(
          "sk_test_demo", "https://library.example/paid", "https://library.example/fees")
          .withApiBase(stripe.apiBase()));
      Ledgerkit ledgerkit = Ledgerkit.builder().persistence(store).paymentGateway(gateway).build();
      FeeService fees = ledgerkit.fees();
      StripeWebhookHandler webhooks = StripeWebhookHandler.create(fees,
          WebhookSettings.of(WEBHOOK_SECRET));

      TenantId library = TenantId.of("demo-library-" + UUID.randomUUID().toString().substring(0, 8));
      ledgerkit.tenants().register(library, TenantSettings.defaults());
      Caller librarian = Caller.of(library.value(), "librarian-1", Role.STAFF);
      Caller member = Caller.of(library.value(), "member-asha", Role.MEMBER);
      Fee fee = fees.assess(librarian, FeeDraft.forUser("member-asha").withAmount("4.20")).fee();
      out.printf("%-36s -> fee %s %s%n", "assess 4.20 USD", fee.id().toString().substring(0, 8),
          fee.status().apiName());

      PaymentStart start = fees.startPayment(member, fee.id());
      out.printf("%-36s -> %s, checkout %s%n", "member starts checkout",
          start.fee().status().apiName(), start.session().reference());
      PaymentStart again = fees.startPayment(member, fee.id());
      out.printf("%-36s -> the same checkout: %s (Stripe sessions: %d)%n", "member clicks again",
          again.session().reference().equals(start.session().reference()), stripe.sessions().size());

      stripe.pay(start.session().reference());
      String event = stripe.event("checkout.session.completed", start.session().reference());
      String forged = LocalStripe.sign(event, "whsec_not_ours", Instant.now().getEpochSecond());
      try {
        webhooks.handle(event, forged);
      } catch (StripeWebhookException refused) {
        out.printf("%-36s -> refused: %s%n", "a webhook signed with another secret",
            refused.reason());
      }
      for (int delivery = 1; delivery <= 3; delivery++) {
        String signature = LocalStripe.sign(event, WEBHOOK_SECRET, Instant.now().getEpochSecond());
        out.printf("%-36s -> %s%n", "Stripe delivers the paid event (" + delivery + ")",
            webhooks.handle(event, signature).status());
      }
      out.println("audit log of the fee, oldest first:");
      for (FeeEvent logged : fees.history(librarian, fee.id())) {
        out.printf("  v%d %-15s -> %-18s %s%n", logged.feeVersion(), logged.type().apiName(),
            logged.toStatus().apiName(), logged.details().paymentReference() == null ? ""
                : logged.details().paymentReference());
      }
    }
  }
}
