package io.ledgerkit.jpa;

import io.ledgerkit.fee.Fee;
import io.ledgerkit.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code ledgerkit_fee}, as Hibernate maps it, so that a host can read fees in its own
 * queries (see {@link JpaPersistence#managedClassNames()}). The adapter itself writes and reads
 * the table with plain JDBC ({@link FeeStatements}). Immutable, so that a host's session never
 * writes it back: a fee changes only through the SDK, with its event. The status and the reason
 * are their API names ({@code paymentInProgress}), beside the seed's sortable index.
 */
@Immutable
@Entity(name = "LedgerkitFee")
@Table(name = "ledgerkit_fee")
class FeeEntity {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private @Nullable UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private @Nullable String tenantId;

  @Column(name = "user_id", nullable = false, updatable = false)
  private @Nullable String userId;

  @Column(name = "loan_id", updatable = false)
  private @Nullable String loanId;

  @Column(name = "amount", nullable = false)
  private @Nullable BigDecimal amount;

  @Column(name = "currency", nullable = false, updatable = false)
  private @Nullable String currency;

  @Column(name = "status", nullable = false)
  private @Nullable String status;

  @Column(name = "status_idx", nullable = false)
  private short statusIdx;

  @Column(name = "status_update_date", nullable = false)
  private @Nullable Instant statusUpdateDate;

  @Column(name = "reason", nullable = false)
  private @Nullable String reason;

  @Column(name = "reason_idx", nullable = false)
  private short reasonIdx;

  @Column(name = "note")
  private @Nullable String note;

  @Column(name = "payment_attempts", nullable = false)
  private int paymentAttempts;

  @Column(name = "payment_reference")
  private @Nullable String paymentReference;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false, updatable = false)
  private @Nullable Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private @Nullable Instant updatedAt;

  @Column(name = "version", nullable = false)
  private long version;

  /** For Hibernate. */
  protected FeeEntity() {}

  Fee toFee() {
    return new Fee(required(id), TenantId.of(tenantId), required(userId), loanId,
        required(amount), Currency.getInstance(required(currency)),
        FeeStatements.status(required(status)), required(statusUpdateDate),
        FeeStatements.reason(required(reason)), note, paymentAttempts, paymentReference, active,
        required(createdAt), required(updatedAt), version);
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("a NOT NULL column of ledgerkit_fee read as null");
    }
    return value;
  }
}
