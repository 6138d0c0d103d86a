package io.ledgerkit.examples.rest;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Development convenience: registers the tenants of {@code rest-app.dev.tenants} at start, with
 * the default phone region {@code rest-app.dev.phone-region}, unless they exist. The SDK never
 * creates a tenant by itself; a real host registers one when it provisions a business, a branch
 * or a store ({@code ledgerkit.tenants().register(..)}), and leaves this property empty.
 */
@Component
public class DevTenants implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DevTenants.class);

  private final Ledgerkit ledgerkit;
  private final RestAppProperties properties;

  /**
   * @param ledgerkit the SDK
   * @param properties which tenants
   */
  public DevTenants(Ledgerkit ledgerkit, RestAppProperties properties) {
    this.ledgerkit = ledgerkit;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    String region = properties.dev().phoneRegion();
    TenantSettings settings = TenantSettings.defaults()
        .withDefaultPhoneRegion(region == null || region.isBlank() ? null : region);
    for (String name : properties.dev().tenants()) {
      TenantId tenant = TenantId.of(name);
      if (ledgerkit.tenants().find(tenant).isPresent()) {
        continue;
      }
      try {
        ledgerkit.tenants().register(tenant, settings);
        LOG.info("Registered the development tenant {}", tenant);
      } catch (ConflictException registeredMeanwhile) {
        // Another instance on the same store registered it first: it exists, which is the point.
      }
    }
  }
}
