package io.ledgerkit.boot;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.tenant.TenantId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health indicator named {@code ledgerkit} when {@code spring-boot-health} (or the actuator) is
 * present: up when the SDK's store answers a read of its tenants, down with the store's typed
 * exception otherwise. Turned off by {@code management.health.ledgerkit.enabled=false}.
 */
@AutoConfiguration(after = LedgerkitPersistenceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PersistenceAdapter.class)
@ConditionalOnEnabledHealthIndicator("ledgerkit")
public class LedgerkitHealthAutoConfiguration {

  /** The tenant id the probe looks up; whether it exists does not matter. */
  static final TenantId PROBE = TenantId.of("ledgerkit-health-probe");

  /** Creates the auto-configuration; Spring does. */
  public LedgerkitHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "ledgerkitHealthIndicator")
  HealthIndicator ledgerkitHealthIndicator(PersistenceAdapter persistence) {
    return () -> {
      try {
        persistence.tenants().find(PROBE);
        return Health.up().build();
      } catch (RuntimeException e) {
        // The SDK's exceptions carry no stored data in their messages.
        return Health.down(e).build();
      }
    };
  }
}
