package io.ledgerkit.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The naive JPA baseline's own minimal mapping of the SDK's table {@code ledgerkit_customer} (the
 * SDK's mapping is not accessible): the columns a walk-in customer fills.
 */
@Entity(name = "BenchNaiveCustomer")
@Table(name = "ledgerkit_customer")
class NaiveCustomer {

  @Id
  @Column(name = "id")
  private @Nullable UUID id;

  @Column(name = "tenant_id", updatable = false)
  private @Nullable String tenantId;

  @Column(name = "name")
  private @Nullable String name;

  @Column(name = "phone", updatable = false)
  private @Nullable String phone;

  @Column(name = "is_active")
  private boolean active;

  @Column(name = "created_at", updatable = false)
  private @Nullable Instant createdAt;

  @Column(name = "updated_at")
  private @Nullable Instant updatedAt;

  @Column(name = "version")
  private long version;

  /** For Hibernate. */
  protected NaiveCustomer() {}

  NaiveCustomer(String tenantId, String name, String phone, Instant now) {
    this.id = UUID.randomUUID();
    this.tenantId = tenantId;
    this.name = name;
    this.phone = phone;
    this.active = true;
    this.createdAt = now;
    this.updatedAt = now;
    this.version = 1;
  }

  /** The SDK's merge, for the fields a walk-in draft carries. */
  void merge(String newName, Instant now) {
    this.name = newName;
    this.active = true;
    this.updatedAt = now;
    this.version++;
  }
}
