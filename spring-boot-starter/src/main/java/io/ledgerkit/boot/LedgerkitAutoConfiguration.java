package io.ledgerkit.boot;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.OperationListener;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.fee.PaymentResultMapping;
import io.ledgerkit.tenant.AccessPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Ledgerkit} bean, unless the host defines one, on the context's {@link
 * PersistenceAdapter}. It takes the host's {@link AccessPolicy}, {@link Clock}, {@link
 * PaymentGateway} and {@link PaymentResultMapping} beans when there is exactly one of each, and the SDK's defaults otherwise, and tells every {@link
 * OperationListener} bean of each operation as it ends. With Micrometer and a {@code MeterRegistry}
 * bean, one such listener times every operation (see {@link LedgerkitMetrics}).
 */
@AutoConfiguration(after = LedgerkitPersistenceAutoConfiguration.class)
@ConditionalOnBean(PersistenceAdapter.class)
@EnableConfigurationProperties(LedgerkitProperties.class)
public class LedgerkitAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public LedgerkitAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  Ledgerkit ledgerkit(PersistenceAdapter persistence, ObjectProvider<AccessPolicy> policy,
      ObjectProvider<Clock> clock, ObjectProvider<OperationListener> listeners,
      ObjectProvider<PaymentGateway> gateway, ObjectProvider<PaymentResultMapping> mapping,
      LedgerkitProperties properties) {
    List<OperationListener> all = listeners.orderedStream().toList();
    return Ledgerkit.builder()
        .persistence(persistence)
        .accessPolicy(policy.getIfUnique(() -> Ledgerkit.DEFAULT_ACCESS_POLICY))
        .clock(clock.getIfUnique(() -> Ledgerkit.DEFAULT_CLOCK))
        .paymentGateway(gateway.getIfUnique(() -> Ledgerkit.DEFAULT_PAYMENT_GATEWAY))
        .paymentResultMapping(mapping.getIfUnique(() -> Ledgerkit.DEFAULT_PAYMENT_RESULT_MAPPING))
        .movementFutureTolerance(properties.inventory().futureTolerance())
        .listener(all.isEmpty() ? Ledgerkit.DEFAULT_LISTENER
            : event -> all.forEach(listener -> listener.completed(event)))
        .build();
  }

  /** Micrometer, when it is on the class path and {@code ledgerkit.metrics.enabled} is true. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnProperty(name = "ledgerkit.metrics.enabled", matchIfMissing = true)
  static class Metrics {

    @Bean
    OperationListener ledgerkitMetrics(ObjectProvider<MeterRegistry> registry) {
      // Looked up when the Ledgerkit bean is made, whichever configuration defines the registry.
      MeterRegistry meters = registry.getIfUnique();
      return meters == null ? Ledgerkit.DEFAULT_LISTENER : new LedgerkitMetrics(meters);
    }
  }
}
