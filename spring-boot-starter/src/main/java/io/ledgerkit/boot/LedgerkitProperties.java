package io.ledgerkit.boot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ledgerkit.*} properties.
 *
 * <pre>
 * ledgerkit.migrations.enabled=true        # PostgreSQL: run the SDK's Flyway migrations on start
 * ledgerkit.join-transactions=true         # PostgreSQL: calls join Spring-managed transactions
 * ledgerkit.mongo.database=shop            # MongoDB: required to use the MongoClient bean
 * ledgerkit.mongo.collection-prefix=ledgerkit_
 * ledgerkit.metrics.enabled=true           # timers and outcome counts, with Micrometer
 * ledgerkit.inventory.future-tolerance=5m  # how far ahead a movement's timestamp may lie
 * ledgerkit.stripe.secret-key=sk_live_...  # with ledgerkit-stripe-adapter: the Stripe gateway
 * ledgerkit.stripe.success-url=https://host/paid?session={CHECKOUT_SESSION_ID}
 * ledgerkit.stripe.cancel-url=https://host/fees/{feeId}
 * ledgerkit.stripe.webhook-secrets=whsec_new,whsec_old   # the webhook handler
 * </pre>
 *
 * @param migrations the PostgreSQL schema
 * @param joinTransactions whether PostgreSQL calls made inside a Spring-managed transaction on
 *     the {@code DataSource} join it (true) or always run in their own (false)
 * @param mongo the MongoDB store
 * @param metrics what Micrometer records
 * @param inventory the stock ledger
 * @param stripe payments through Stripe
 */
@ConfigurationProperties("ledgerkit")
public record LedgerkitProperties(
    @DefaultValue Migrations migrations,
    @DefaultValue("true") boolean joinTransactions,
    @DefaultValue Mongo mongo,
    @DefaultValue Metrics metrics,
    @DefaultValue Inventory inventory,
    @DefaultValue Stripe stripe) {

  /**
   * The SDK's PostgreSQL schema.
   *
   * @param enabled true (the default) to bring the SDK's tables up to date on start; false when
   *     the host migrates in a separate deploy step, and the start then fails on a schema that is
   *     not current
   */
  public record Migrations(@DefaultValue("true") boolean enabled) {}

  /**
   * The SDK's MongoDB store.
   *
   * @param database the database the SDK stores in; without it no MongoDB store is configured
   * @param collectionPrefix the prefix of the SDK's collection names; the adapter's default when
   *     not given
   */
  public record Mongo(@Nullable String database, @Nullable String collectionPrefix) {}

  /**
   * What Micrometer records.
   *
   * @param enabled true (the default) to record through Micrometer when it is present
   */
  public record Metrics(@DefaultValue("true") boolean enabled) {}

  /**
   * The stock ledger.
   *
   * @param futureTolerance how far past now a movement's timestamp may lie
   */
  public record Inventory(@DefaultValue("5m") Duration futureTolerance) {}

  /**
   * Payments through Stripe, with {@code ledgerkit-stripe-adapter} on the class path.
   *
   * @param secretKey the secret key; without it no Stripe gateway is configured
   * @param successUrl where the payer lands after paying
   * @param cancelUrl where the payer lands after going back
   * @param description the payment's description template; the adapter's default when not given
   * @param apiBase where the Stripe API is; Stripe's own when not given
   * @param webhookSecrets the webhook endpoint's signing secrets; without them no webhook handler
   * @param webhookTolerance how far a delivery's signing time may lie from now
   */
  public record Stripe(@Nullable String secretKey, @Nullable String successUrl,
      @Nullable String cancelUrl, @Nullable String description, @Nullable URI apiBase,
      @DefaultValue List<String> webhookSecrets,
      @DefaultValue("300s") Duration webhookTolerance) {}
}
