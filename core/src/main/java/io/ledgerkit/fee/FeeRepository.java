package io.ledgerkit.fee;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.StorageException;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where fees and their audit events are stored: the SPI a persistence adapter implements. Every
 * method is atomic on its own and scoped to the tenant it is given; every rule is the core's.
 *
 * <p>A fee and its events change only together: {@link #insert} stores a fee with its first
 * event, {@link #applyTransition} a change with its event, both or neither, also across a crash
 * once {@link #recover} has run (an engine without multi-document transactions makes the fee
 * document its commit point and finishes the event's copy in {@link #recover}). There is no
 * method to change or delete an event: the log is append-only.
 *
 * <p>Contract: {@code io.ledgerkit.testkit.FeeContractTest}.
 */
public interface FeeRepository {

  /**
   * Stores a new fee and the event of its assessment.
   *
   * @param fee a fee at version 1
   * @param assessed its first event, at fee version 1
   * @return true if stored; false, storing nothing, if its {@code (tenant, userId, loanId)} is
   *     taken (only for a fee with a loan id)
   * @throws ConflictException if its id is taken in the tenant (ids are random UUIDs, unique
   *     within their tenant; an engine may also refuse one taken in another tenant)
   * @throws StorageException if the store failed before the fee was stored; an engine whose fee
   *     document is the commit point may also report a failure after it, when the fee is stored
   *     and its event is left for {@link #recover} to finish
   */
  boolean insert(Fee fee, FeeEvent assessed);

  /**
   * @return the fee with this id in the tenant, active or not
   */
  Optional<Fee> findById(TenantId tenant, UUID id);

  /**
   * @return the fee of this user and loan in the tenant, active or not
   */
  Optional<Fee> findByLoan(TenantId tenant, String userId, String loanId);

  /**
   * @return the matching fees of the tenant, newest first (creation time, then id as text,
   *     descending), with the total count
   */
  Page<Fee> find(TenantId tenant, FeeFilter filter, PageRequest page);

  /**
   * Applies a change if the stored fee is still at the version it was computed from, together
   * with its event.
   *
   * @param transition the fee after the change, the version it expects, the event
   * @return true if applied; false, writing nothing, if the fee moved on or does not exist
   * @throws StorageException if the store failed before the change was made; an engine whose fee
   *     document is the commit point may also report a failure after it, when the change is made
   *     and its event is left for {@link #recover} to finish
   */
  boolean applyTransition(FeeTransition transition);

  /**
   * @return every event of the fee, in the order of {@link FeeEvent#feeVersion()}; complete, also
   *     after a crash (what was half-written is finished first)
   */
  List<FeeEvent> events(TenantId tenant, UUID feeId);

  /**
   * Finishes whatever a crash left half-written, so that every fee change has its event. Runs when
   * the SDK is built; idempotent, and safe beside running writers. Adapters that write a fee and
   * its event in one transaction have nothing to do.
   */
  default void recover() {}

  /**
   * Records that a provider's notification was handled, unless it was recorded before.
   *
   * @param event the record
   * @return true if recorded now; false, writing nothing, if {@code (tenant, source, eventId)} was
   *     recorded before
   * @throws UnsupportedOperationException if this adapter keeps no such records (the default, for
   *     adapters written before they existed); {@link FeeService#recordPaymentEvent} then says so
   */
  default boolean recordProcessedEvent(ProcessedEvent event) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no processed events");
  }

  /**
   * @param tenant the tenant
   * @param source the provider
   * @param eventId the provider's id of the notification
   * @return the record of its handling, if it was handled
   * @throws UnsupportedOperationException if this adapter keeps no such records (the default)
   */
  default Optional<ProcessedEvent> findProcessedEvent(TenantId tenant, String source,
      String eventId) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no processed events");
  }

  /**
   * For adapters: as {@link #requireStorable(Fee)}, for a processed-event record.
   *
   * @param event what is about to be written or looked up
   * @return the same record
   * @throws io.ledgerkit.ValidationException naming the field that cannot be stored exactly
   */
  static ProcessedEvent requireStorable(ProcessedEvent event) {
    TextPolicy.requireStorable("tenant", event.tenant().value());
    TextPolicy.requireStorable("source", event.source());
    TextPolicy.requireStorable("eventId", event.eventId());
    TextPolicy.requireStorable("type", event.type());
    return event;
  }

  /**
   * For adapters, as defence in depth behind the core's text policy: refuses a fee holding a
   * string that a store could not keep exactly (an unpaired surrogate, a NUL), instead of letting
   * a driver turn it into {@code ?} or U+FFFD. Call it before writing.
   *
   * @param fee what is about to be written
   * @return the same fee
   * @throws io.ledgerkit.ValidationException naming the field that cannot be stored exactly
   */
  static Fee requireStorable(Fee fee) {
    TextPolicy.requireStorable("tenant", fee.tenant().value());
    TextPolicy.requireStorable("userId", fee.userId());
    TextPolicy.requireStorable("loanId", fee.loanId());
    TextPolicy.requireStorable("note", fee.note());
    TextPolicy.requireStorable("paymentReference", fee.paymentReference());
    return fee;
  }

  /**
   * For adapters: as {@link #requireStorable(Fee)}, for an event and its details.
   *
   * @param event what is about to be written
   * @return the same event
   * @throws io.ledgerkit.ValidationException naming the field that cannot be stored exactly
   */
  static FeeEvent requireStorable(FeeEvent event) {
    TextPolicy.requireStorable("tenant", event.tenant().value());
    TextPolicy.requireStorable("actorUserId", event.actorUserId());
    TextPolicy.requireStorable("note", event.note());
    FeeEventDetails details = event.details();
    TextPolicy.requireStorable("details.paymentReference", details.paymentReference());
    TextPolicy.requireStorable("details.paymentUrl", details.paymentUrl());
    TextPolicy.requireStorable("details.resultMapping", details.resultMapping());
    TextPolicy.requireStorable("details.error", details.error());
    return event;
  }

  /**
   * For adapters: refuses values a store could not compare exactly, as {@link
   * #requireStorable(Fee)} does for writes. Call it before querying.
   *
   * @param tenant the tenant of the query
   * @param filter its criteria, or null for a lookup by id
   * @throws io.ledgerkit.ValidationException naming the value that cannot be sent exactly
   */
  static void requireStorable(TenantId tenant, @Nullable FeeFilter filter) {
    TextPolicy.requireStorable("tenant", tenant.value());
    if (filter != null) {
      TextPolicy.requireStorable("userId", filter.userId());
      TextPolicy.requireStorable("loanId", filter.loanId());
    }
  }
}
