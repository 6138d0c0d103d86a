package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.T0;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tenants and their settings on a real PostgreSQL. */
class TenantRepositoryTest {


  private final TenantRepository tenants = TestDatabase.persistence().tenants();
  private final TenantId id = aTenant();

  @Test
  void aTenantIsInsertedOnceAndReadBackAsStored() {
    Tenant tenant = new Tenant(id, TenantSettings.defaults()
        .withMandatoryCustomerFields(CustomerField.TAX_NUMBER, CustomerField.ADDRESS)
        .withDefaultPhoneRegion("IN").withAllowNegativeStock(true), T0, T0, 1);

    assertTrue(tenants.insert(tenant));
    assertFalse(tenants.insert(new Tenant(id, TenantSettings.defaults(), T0, T0, 1)));
    assertEquals(Optional.of(tenant), tenants.find(id));
    assertEquals(Optional.empty(), tenants.find(aTenant()));
  }

  @Test
  void settingsChangeOnlyWhileTheVersionIsTheExpectedOne() {
    Tenant tenant = new Tenant(id, TenantSettings.defaults(), T0, T0, 1);
    tenants.insert(tenant);
    Tenant next = new Tenant(id, TenantSettings.defaults()
        .withMandatoryCustomerFields(CustomerField.CONTACT_EMAIL), T0, T0.plusSeconds(5), 2);

    assertFalse(tenants.update(next, 2));
    assertEquals(Optional.of(tenant), tenants.find(id));
    assertTrue(tenants.update(next, 1));
    assertEquals(Optional.of(next), tenants.find(id));
    assertFalse(tenants.update(new Tenant(aTenant(), TenantSettings.defaults(), T0, T0, 2), 1));
  }
}
