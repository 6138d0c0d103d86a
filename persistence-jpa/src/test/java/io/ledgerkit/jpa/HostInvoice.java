package io.ledgerkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A host's own entity, on {@link HostInvoices}'s table. */
@Entity
@Table(name = "host_invoice")
class HostInvoice {

  @Id
  private UUID id;

  @Column(name = "customer_id", nullable = false)
  private UUID customerId;

  @Column(name = "amount", nullable = false)
  private int amount;

  /** For Hibernate. */
  protected HostInvoice() {}

  HostInvoice(UUID customerId, int amount) {
    this.id = UUID.randomUUID();
    this.customerId = customerId;
    this.amount = amount;
  }
}
