package io.ledgerkit.boot;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.tenant.AccessPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Ledgerkit} bean, unless the host defines one, on the context's {@link
 * PersistenceAdapter}. It takes the host's {@link AccessPolicy} and {@link Clock} beans when
 * there is exactly one of each, and the SDK's defaults otherwise. With Micrometer and a {@code
 * MeterRegistry} bean, every store call it makes is timed (see {@link LedgerkitMetrics}).
 */
@AutoConfiguration(after = LedgerkitPersistenceAutoConfiguration.class)
@ConditionalOnBean(PersistenceAdapter.class)
public class LedgerkitAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public LedgerkitAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  Ledgerkit ledgerkit(PersistenceAdapter persistence, ObjectProvider<AccessPolicy> policy,
      ObjectProvider<Clock> clock, ObjectProvider<PersistenceDecorator> decorators) {
    PersistenceAdapter observed = persistence;
    for (PersistenceDecorator decorator : decorators.orderedStream().toList()) {
      observed = decorator.decorate(observed);
    }
    return Ledgerkit.builder()
        .persistence(observed)
        .accessPolicy(policy.getIfUnique(() -> Ledgerkit.DEFAULT_ACCESS_POLICY))
        .clock(clock.getIfUnique(() -> Ledgerkit.DEFAULT_CLOCK))
        .build();
  }

  /** Micrometer, when it is on the class path and {@code ledgerkit.metrics.enabled} is true. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnProperty(name = "ledgerkit.metrics.enabled", matchIfMissing = true)
  static class Metrics {

    @Bean
    PersistenceDecorator ledgerkitMetrics(ObjectProvider<MeterRegistry> registry) {
      // Looked up when the Ledgerkit bean is made, so whichever configuration defines it.
      return persistence -> {
        MeterRegistry meters = registry.getIfUnique();
        return meters == null ? persistence : new LedgerkitMetrics(persistence, meters);
      };
    }
  }

  /** Wraps the store the {@code Ledgerkit} bean uses, e.g. to observe it. */
  @FunctionalInterface
  interface PersistenceDecorator {
    PersistenceAdapter decorate(PersistenceAdapter persistence);
  }
}
