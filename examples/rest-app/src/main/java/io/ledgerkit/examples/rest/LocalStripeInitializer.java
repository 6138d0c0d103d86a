package io.ledgerkit.examples.rest;

import io.ledgerkit.stripe.local.LocalStripe;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Development payments: unless {@code rest-app.dev.local-stripe} is false or {@code
 * ledgerkit.stripe.api-base} is set, starts {@link LocalStripe} (the stripe-adapter's local
 * stand-in of the Stripe API) before the context is built and points {@code
 * ledgerkit.stripe.api-base} at it, so that the starter's gateway opens checkouts there, offline;
 * registers it as the bean {@value #BEAN} (stopped with the context), for tests to play the payer.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class LocalStripeInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The name of the {@link LocalStripe} bean. */
  public static final String BEAN = "localStripe";

  /** Creates the initializer; Spring does. */
  public LocalStripeInitializer() {}

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    if (!environment.getProperty("rest-app.dev.local-stripe", Boolean.class, true)
        || environment.containsProperty("ledgerkit.stripe.api-base")) {
      return;
    }
    LocalStripe stripe = LocalStripe.start();
    environment.getPropertySources().addFirst(new MapPropertySource("localStripe",
        Map.of("ledgerkit.stripe.api-base", stripe.apiBase().toString())));
    context.getBeanFactory().registerSingleton(BEAN, stripe);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
        stripe.close();
      }
    });
  }
}
