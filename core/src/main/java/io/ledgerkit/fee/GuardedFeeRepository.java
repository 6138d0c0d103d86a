package io.ledgerkit.fee;

import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.internal.StoreCalls;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Wraps an adapter so that whatever it lets slip reaches the host as a {@code StorageException},
 * never as a driver type; and, as defence in depth, never hands out a fee or an event whose tenant
 * is not exactly the caller's.
 */
final class GuardedFeeRepository implements FeeRepository {

  private final FeeRepository delegate;

  GuardedFeeRepository(FeeRepository delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean insert(Fee fee, FeeEvent assessed) {
    return guard("insert", () -> delegate.insert(fee, assessed));
  }

  @Override
  public Optional<Fee> findById(TenantId tenant, UUID id) {
    return guard("findById", () -> delegate.findById(tenant, id))
        .filter(fee -> fee.tenant().equals(tenant));
  }

  @Override
  public Optional<Fee> findByLoan(TenantId tenant, String userId, String loanId) {
    return guard("findByLoan", () -> delegate.findByLoan(tenant, userId, loanId))
        .filter(fee -> fee.tenant().equals(tenant));
  }

  @Override
  public Page<Fee> find(TenantId tenant, FeeFilter filter, PageRequest page) {
    Page<Fee> found = guard("find", () -> delegate.find(tenant, filter, page));
    List<Fee> own = found.items().stream().filter(fee -> fee.tenant().equals(tenant)).toList();
    return own.size() == found.items().size() ? found
        : new Page<>(own, found.total(), found.offset(), found.limit());
  }

  @Override
  public boolean applyTransition(FeeTransition transition) {
    return guard("applyTransition", () -> delegate.applyTransition(transition));
  }

  @Override
  public List<FeeEvent> events(TenantId tenant, UUID feeId) {
    return guard("events", () -> delegate.events(tenant, feeId)).stream()
        .filter(event -> event.tenant().equals(tenant) && event.feeId().equals(feeId))
        .toList();
  }

  @Override
  public void recover() {
    guard("recover", () -> {
      delegate.recover();
      return null;
    });
  }

  @Override
  public boolean recordProcessedEvent(ProcessedEvent event) {
    return unsupportedAsIs("recordProcessedEvent", () -> delegate.recordProcessedEvent(event));
  }

  @Override
  public Optional<ProcessedEvent> findProcessedEvent(TenantId tenant, String source,
      String eventId) {
    return unsupportedAsIs("findProcessedEvent",
            () -> delegate.findProcessedEvent(tenant, source, eventId))
        .filter(event -> event.tenant().equals(tenant) && event.source().equals(source)
            && event.eventId().equals(eventId));
  }

  /** An adapter that keeps no processed events says so as itself, not as a storage failure. */
  private static <T> T unsupportedAsIs(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException notKept) {
      throw notKept;
    } catch (RuntimeException e) {
      return guard(operation, () -> {
        throw e;
      });
    }
  }

  private static <T> T guard(String operation, Supplier<T> call) {
    return StoreCalls.guard("fee", operation, call);
  }
}
