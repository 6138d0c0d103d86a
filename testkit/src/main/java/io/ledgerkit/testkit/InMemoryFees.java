package io.ledgerkit.testkit;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeTransition;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** The reference fee store: every method atomic under one lock, events appended only. */
final class InMemoryFees implements FeeRepository {

  private static final Comparator<Fee> NEWEST_FIRST = Comparator.comparing(Fee::createdAt)
      .thenComparing(fee -> fee.id().toString()).reversed();

  private final Object lock = new Object();
  private final Map<UUID, Fee> fees = new LinkedHashMap<>();
  private final Map<String, UUID> loanIndex = new HashMap<>();
  private final Map<UUID, List<FeeEvent>> events = new HashMap<>();
  private final Map<List<String>, ProcessedEvent> processed = new HashMap<>();

  @Override
  public boolean insert(Fee fee, FeeEvent assessed) {
    synchronized (lock) {
      if (fees.containsKey(fee.id())) {
        throw new ConflictException("fee", fee.tenant(), fee.id(), "id taken");
      }
      if (fee.loanId() != null) {
        String key = loanKey(fee.tenant(), fee.userId(), fee.loanId());
        if (loanIndex.containsKey(key)) {
          return false;
        }
        loanIndex.put(key, fee.id());
      }
      fees.put(fee.id(), fee);
      events.computeIfAbsent(fee.id(), id -> new ArrayList<>()).add(assessed);
      return true;
    }
  }

  @Override
  public Optional<Fee> findById(TenantId tenant, UUID id) {
    synchronized (lock) {
      return Optional.ofNullable(fees.get(id)).filter(fee -> fee.tenant().equals(tenant));
    }
  }

  @Override
  public Optional<Fee> findByLoan(TenantId tenant, String userId, String loanId) {
    synchronized (lock) {
      return Optional.ofNullable(loanIndex.get(loanKey(tenant, userId, loanId))).map(fees::get);
    }
  }

  @Override
  public Page<Fee> find(TenantId tenant, FeeFilter filter, PageRequest page) {
    synchronized (lock) {
      List<Fee> matches = fees.values().stream()
          .filter(fee -> fee.tenant().equals(tenant))
          .filter(matching(filter))
          .sorted(NEWEST_FIRST)
          .toList();
      List<Fee> slice = matches.stream().skip(page.offset()).limit(page.limit()).toList();
      return new Page<>(slice, matches.size(), page.offset(), page.limit());
    }
  }

  @Override
  public boolean applyTransition(FeeTransition transition) {
    synchronized (lock) {
      Fee next = transition.next();
      Fee stored = fees.get(next.id());
      if (stored == null || !stored.tenant().equals(next.tenant())
          || stored.version() != transition.expectedVersion()) {
        return false;
      }
      fees.put(next.id(), next);
      events.computeIfAbsent(next.id(), id -> new ArrayList<>()).add(transition.event());
      return true;
    }
  }

  @Override
  public List<FeeEvent> events(TenantId tenant, UUID feeId) {
    synchronized (lock) {
      return events.getOrDefault(feeId, List.of()).stream()
          .filter(event -> event.tenant().equals(tenant))
          .sorted(Comparator.comparingLong(FeeEvent::feeVersion))
          .toList();
    }
  }

  /** @return every stored fee of the tenant, sorted by id */
  List<Fee> stored(TenantId tenant) {
    synchronized (lock) {
      return fees.values().stream().filter(fee -> fee.tenant().equals(tenant))
          .sorted(Comparator.comparing(fee -> fee.id().toString())).toList();
    }
  }

  /** @return every stored event of the tenant, sorted by id */
  List<FeeEvent> storedEvents(TenantId tenant) {
    synchronized (lock) {
      return events.values().stream().flatMap(List::stream)
          .filter(event -> event.tenant().equals(tenant))
          .sorted(Comparator.comparing(event -> event.id().toString())).toList();
    }
  }

  private static Predicate<Fee> matching(FeeFilter filter) {
    return fee -> (filter.includeInactive() || fee.active())
        && (filter.userId() == null || filter.userId().equals(fee.userId()))
        && (filter.loanId() == null || filter.loanId().equals(fee.loanId()))
        && (filter.minAmount() == null || fee.amount().compareTo(filter.minAmount()) >= 0)
        && (filter.maxAmount() == null || fee.amount().compareTo(filter.maxAmount()) <= 0)
        && (filter.status() == null || filter.status() == fee.status())
        && (filter.reason() == null || filter.reason() == fee.reason());
  }

  private static String loanKey(TenantId tenant, String userId, String loanId) {
    return tenant.value() + "\u0000" + userId + "\u0000" + loanId;
  }

  @Override
  public boolean recordProcessedEvent(ProcessedEvent event) {
    FeeRepository.requireStorable(event);
    synchronized (lock) {
      return processed.putIfAbsent(
          List.of(event.tenant().value(), event.source(), event.eventId()), event) == null;
    }
  }

  @Override
  public Optional<ProcessedEvent> findProcessedEvent(TenantId tenant, String source,
      String eventId) {
    synchronized (lock) {
      return Optional.ofNullable(processed.get(List.of(tenant.value(), source, eventId)));
    }
  }
}
