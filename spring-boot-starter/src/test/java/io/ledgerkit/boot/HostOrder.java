package io.ledgerkit.boot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A Spring Boot host's own entity, on {@code host_order}. */
@Entity
@Table(name = "host_order")
class HostOrder {

  static final String CREATE_TABLE = "create table host_order ("
      + "id uuid primary key, customer_id uuid not null, total bigint not null)";

  @Id
  private UUID id;

  @Column(name = "customer_id", nullable = false)
  private UUID customerId;

  @Column(name = "total", nullable = false)
  private long total;

  /** For Hibernate. */
  protected HostOrder() {}

  HostOrder(UUID customerId, long total) {
    this.id = UUID.randomUUID();
    this.customerId = customerId;
    this.total = total;
  }
}
