package io.ledgerkit.jpa;

import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code ledgerkit_fee_event}, the append-only audit log, as Hibernate maps it for a
 * host's own queries (see {@link JpaPersistence#managedClassNames()}). Immutable: events are never
 * changed, and the table refuses it anyway. {@code details} is the {@code jsonb} text of the
 * event's {@code FeeEventDetails} ({@link FeeDetailsJson}).
 */
@Immutable
@Entity(name = "LedgerkitFeeEvent")
@Table(name = "ledgerkit_fee_event")
class FeeEventEntity {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private @Nullable UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private @Nullable String tenantId;

  @Column(name = "fee_id", nullable = false, updatable = false)
  private @Nullable UUID feeId;

  @Column(name = "fee_version", nullable = false, updatable = false)
  private long feeVersion;

  @Column(name = "event_type", nullable = false, updatable = false)
  private @Nullable String eventType;

  @Column(name = "event_type_idx", nullable = false, updatable = false)
  private short eventTypeIdx;

  @Column(name = "event_date", nullable = false, updatable = false)
  private @Nullable Instant eventDate;

  @Column(name = "actor_user_id", nullable = false, updatable = false)
  private @Nullable String actorUserId;

  @Column(name = "note", updatable = false)
  private @Nullable String note;

  @Column(name = "from_status", nullable = false, updatable = false)
  private @Nullable String fromStatus;

  @Column(name = "to_status", nullable = false, updatable = false)
  private @Nullable String toStatus;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "details", nullable = false, updatable = false)
  private @Nullable String details;

  /** For Hibernate. */
  protected FeeEventEntity() {}

  FeeEvent toEvent() {
    return new FeeEvent(required(id), TenantId.of(tenantId), required(feeId), feeVersion,
        FeeStatements.eventType(required(eventType)), required(eventDate), required(actorUserId),
        note, FeeStatements.status(required(fromStatus)), FeeStatements.status(required(toStatus)),
        FeeDetailsJson.read(required(details)));
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("a NOT NULL column of ledgerkit_fee_event read as null");
    }
    return value;
  }
}
