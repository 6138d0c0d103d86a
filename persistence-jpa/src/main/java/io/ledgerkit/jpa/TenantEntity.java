package io.ledgerkit.jpa;

import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code ledgerkit_tenant}, as Hibernate maps it. The mandatory customer fields are a
 * {@code text[]} of {@link CustomerField} names.
 */
@Immutable
@Entity(name = "LedgerkitTenant")
@Table(name = "ledgerkit_tenant")
class TenantEntity {

  @Id
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private @Nullable String tenantId;

  @Column(name = "mandatory_customer_fields", nullable = false)
  private String @Nullable [] mandatoryCustomerFields;

  @Column(name = "default_phone_region")
  private @Nullable String defaultPhoneRegion;

  @Column(name = "allow_negative_stock", nullable = false)
  private boolean allowNegativeStock;

  @Column(name = "created_at", nullable = false, updatable = false)
  private @Nullable Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private @Nullable Instant updatedAt;

  @Column(name = "version", nullable = false)
  private long version;

  /** For Hibernate. */
  protected TenantEntity() {}

  Tenant toTenant() {
    if (tenantId == null || createdAt == null || updatedAt == null) {
      throw new IllegalStateException("a NOT NULL column of ledgerkit_tenant read as null");
    }
    TenantSettings settings = new TenantSettings(
        fieldsFromNames(mandatoryCustomerFields), defaultPhoneRegion, allowNegativeStock);
    return new Tenant(TenantId.of(tenantId), settings, createdAt, updatedAt, version);
  }

  /** @return the enum names in declaration order, so that equal sets are stored alike */
  static String[] namesOf(Set<CustomerField> fields) {
    return fields.isEmpty()
        ? new String[0]
        : EnumSet.copyOf(fields).stream().map(Enum::name).toArray(String[]::new);
  }

  private static Set<CustomerField> fieldsFromNames(String @Nullable [] names) {
    EnumSet<CustomerField> fields = EnumSet.noneOf(CustomerField.class);
    if (names != null) {
      Arrays.stream(names).map(CustomerField::valueOf).forEach(fields::add);
    }
    return fields;
  }
}
