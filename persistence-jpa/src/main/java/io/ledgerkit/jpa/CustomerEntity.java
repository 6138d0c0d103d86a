package io.ledgerkit.jpa;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code ledgerkit_customer}, as Hibernate maps it. Only read and compared in queries:
 * writes go through conditional statements, so the version is a plain column here. Immutable, so
 * that a host's session that maps it (see {@link JpaPersistence#managedClassNames()}) never
 * writes it back.
 */
@Immutable
@Entity(name = "LedgerkitCustomer")
@Table(name = "ledgerkit_customer")
class CustomerEntity {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private @Nullable UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private @Nullable String tenantId;

  @Column(name = "name", nullable = false)
  private @Nullable String name;

  @Column(name = "phone")
  private @Nullable String phone;

  @Column(name = "contact_name")
  private @Nullable String contactName;

  @Column(name = "contact_email")
  private @Nullable String contactEmail;

  @Column(name = "address")
  private @Nullable String address;

  @Column(name = "tax_number")
  private @Nullable String taxNumber;

  @Column(name = "notes")
  private @Nullable String notes;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false, updatable = false)
  private @Nullable Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private @Nullable Instant updatedAt;

  @Column(name = "version", nullable = false)
  private long version;

  /** For Hibernate. */
  protected CustomerEntity() {}

  Customer toCustomer() {
    return new Customer(required(id), TenantId.of(tenantId), required(name), phone, contactName,
        contactEmail, address, taxNumber, notes, active, required(createdAt), required(updatedAt),
        version);
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("a NOT NULL column of ledgerkit_customer read as null");
    }
    return value;
  }
}
