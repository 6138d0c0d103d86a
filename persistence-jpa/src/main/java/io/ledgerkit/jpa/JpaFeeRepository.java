package io.ledgerkit.jpa;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeTransition;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Fees in {@code ledgerkit_fee} and their audit log in {@code ledgerkit_fee_event}. A fee and its
 * event are written by one statement ({@link FeeStatements#INSERT}, {@link FeeStatements#APPLY}),
 * so both are stored or neither, with nothing left for {@link #recover()} to do; the lookups are
 * one statement each too. They run on a pooled connection in auto-commit, or inside a host's
 * transaction in a savepoint ({@link Transactor#statement}). A listing reads its count and its
 * page in one transaction.
 *
 * <p>Handled provider notifications are recorded in {@code ledgerkit_processed_event}, one row per
 * {@code (tenant, source, event id)}, by one {@code INSERT ... ON CONFLICT DO NOTHING}
 * ({@link FeeStatements#RECORD_PROCESSED}): a key recorded before, also concurrently, writes
 * nothing and answers false. In a host's transaction the record commits or rolls back with it.
 *
 * <p>Every statement is scoped by {@code tenant_id}. Every string is checked before it is sent
 * ({@link FeeRepository#requireStorable(Fee)}): PostgreSQL would alter an unpaired surrogate and refuses
 * NUL.
 */
final class JpaFeeRepository implements FeeRepository {

  private static final String ENTITY = "fee";

  private final Transactor transactor;

  JpaFeeRepository(Transactor transactor) {
    this.transactor = transactor;
  }

  @Override
  public boolean insert(Fee fee, FeeEvent assessed) {
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(assessed, "assessed");
    if (!assessed.feeId().equals(fee.id()) || !assessed.tenant().equals(fee.tenant())
        || assessed.feeVersion() != fee.version()) {
      throw new IllegalArgumentException("the assessment event does not belong to the fee");
    }
    FeeRepository.requireStorable(fee);
    FeeRepository.requireStorable(assessed);
    return transactor.statement("insert", conflictOn(fee.tenant(), fee.id()),
        connection -> FeeStatements.insert(connection, fee, assessed));
  }

  @Override
  public Optional<Fee> findById(TenantId tenant, UUID id) {
    FeeRepository.requireStorable(tenant, null);
    return transactor.statement("findById", conflictOn(tenant, id),
        connection -> FeeStatements.byId(connection, tenant, id));
  }

  @Override
  public Optional<Fee> findByLoan(TenantId tenant, String userId, String loanId) {
    FeeRepository.requireStorable(tenant, FeeFilter.all().withUserId(userId).withLoanId(loanId));
    return transactor.statement("findByLoan", conflictOn(tenant, null),
        connection -> FeeStatements.byLoan(connection, tenant, userId, loanId));
  }

  @Override
  public Page<Fee> find(TenantId tenant, FeeFilter filter, PageRequest page) {
    FeeRepository.requireStorable(tenant, filter);
    return transactor.page("find", conflictOn(tenant, null),
        new FeeStatements.Matching(tenant, filter), page);
  }

  @Override
  public boolean applyTransition(FeeTransition transition) {
    Objects.requireNonNull(transition, "transition");
    FeeRepository.requireStorable(transition.next());
    FeeRepository.requireStorable(transition.event());
    Fee fee = transition.next();
    return transactor.statement("applyTransition", conflictOn(fee.tenant(), fee.id()),
        connection -> FeeStatements.apply(connection, transition));
  }

  @Override
  public List<FeeEvent> events(TenantId tenant, UUID feeId) {
    FeeRepository.requireStorable(tenant, null);
    return transactor.statement("events", conflictOn(tenant, feeId),
        connection -> FeeStatements.events(connection, tenant, feeId));
  }

  @Override
  public boolean recordProcessedEvent(ProcessedEvent event) {
    Objects.requireNonNull(event, "event");
    FeeRepository.requireStorable(event);
    return transactor.statement("recordProcessedEvent", conflictOn(event.tenant(), event.feeId()),
        connection -> FeeStatements.recordProcessed(connection, event));
  }

  @Override
  public Optional<ProcessedEvent> findProcessedEvent(TenantId tenant, String source,
      String eventId) {
    FeeRepository.requireStorable(tenant, null);
    TextPolicy.requireStorable("source", source);
    TextPolicy.requireStorable("eventId", eventId);
    return transactor.statement("findProcessedEvent", conflictOn(tenant, null),
        connection -> FeeStatements.processed(connection, tenant, source, eventId));
  }

  private static Transactor.ConflictMapper conflictOn(TenantId tenant, @Nullable UUID id) {
    return (violation, cause) -> new ConflictException(ENTITY, tenant, id,
        reason(violation.constraint()), cause);
  }

  /** Names what collided, never the colliding values. */
  private static String reason(@Nullable String constraint) {
    if (FeeStatements.FEE_PRIMARY_KEY.equals(constraint)) {
      return "the id is taken";
    }
    if (FeeStatements.EVENT_PRIMARY_KEY.equals(constraint)) {
      return "the event's id is taken";
    }
    return "a unique key is taken" + (constraint == null ? "" : " (" + constraint + ")");
  }
}
