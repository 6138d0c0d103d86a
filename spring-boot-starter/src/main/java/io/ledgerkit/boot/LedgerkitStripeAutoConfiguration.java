package io.ledgerkit.boot;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.stripe.StripePaymentGateway;
import io.ledgerkit.stripe.StripeSettings;
import io.ledgerkit.stripe.StripeWebhookHandler;
import io.ledgerkit.stripe.WebhookSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code ledgerkit-stripe-adapter} on the class path: a {@link StripePaymentGateway} when
 * {@code ledgerkit.stripe.secret-key} is set (the {@link Ledgerkit} bean then takes payments
 * through it), and a {@link StripeWebhookHandler} when {@code ledgerkit.stripe.webhook-secrets} is
 * set, for the host's webhook endpoint to call with the raw body and the {@code Stripe-Signature}
 * header. A host's own {@link PaymentGateway} or handler bean wins.
 */
@AutoConfiguration(after = LedgerkitAutoConfiguration.class)
@ConditionalOnClass(StripePaymentGateway.class)
@EnableConfigurationProperties(LedgerkitProperties.class)
public class LedgerkitStripeAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public LedgerkitStripeAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(PaymentGateway.class)
  @ConditionalOnProperty("ledgerkit.stripe.secret-key")
  StripePaymentGateway ledgerkitStripeGateway(LedgerkitProperties properties) {
    LedgerkitProperties.Stripe stripe = properties.stripe();
    if (stripe.successUrl() == null || stripe.cancelUrl() == null) {
      throw new IllegalStateException("ledgerkit.stripe.secret-key is set: "
          + "ledgerkit.stripe.success-url and ledgerkit.stripe.cancel-url are required too");
    }
    StripeSettings settings = StripeSettings.of(stripe.secretKey(), stripe.successUrl(),
        stripe.cancelUrl());
    if (stripe.description() != null) {
      settings = settings.withDescription(stripe.description());
    }
    if (stripe.apiBase() != null) {
      settings = settings.withApiBase(stripe.apiBase());
    }
    return StripePaymentGateway.create(settings);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(Ledgerkit.class)
  @ConditionalOnProperty("ledgerkit.stripe.webhook-secrets")
  StripeWebhookHandler ledgerkitStripeWebhookHandler(Ledgerkit ledgerkit,
      LedgerkitProperties properties, ObjectProvider<Clock> clock) {
    LedgerkitProperties.Stripe stripe = properties.stripe();
    return StripeWebhookHandler.create(ledgerkit.fees(),
        new WebhookSettings(stripe.webhookSecrets(), stripe.webhookTolerance(),
            WebhookSettings.DEFAULT_MAX_PAYLOAD_BYTES,
            clock.getIfUnique(() -> Ledgerkit.DEFAULT_CLOCK)));
  }
}
