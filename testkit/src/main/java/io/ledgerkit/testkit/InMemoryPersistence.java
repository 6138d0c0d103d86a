package io.ledgerkit.testkit;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.customer.SettingsCheckedCustomerRepository;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The reference store: everything in memory, every method atomic under one lock, settings-dependent
 * writes checked against the tenant's settings version under the same lock. It passes the
 * same contract suite as the real adapters and defines what they must do. Use it in hosts' unit
 * tests; it keeps nothing across restarts.
 */
public final class InMemoryPersistence implements PersistenceAdapter {

  private final Object lock = new Object();
  private final Map<TenantId, Tenant> tenants = new HashMap<>();
  private final Map<UUID, Customer> customers = new LinkedHashMap<>();
  private final Map<String, UUID> phoneIndex = new HashMap<>();
  private final TenantRepository tenantRepository = new Tenants();
  private final CustomerRepository customerRepository = new Customers();
  private final InMemoryFees fees = new InMemoryFees();
  private final InMemoryInventory inventory = new InMemoryInventory(lock, this::checkSettings);

  @Override
  public TenantRepository tenants() {
    return tenantRepository;
  }

  @Override
  public CustomerRepository customers() {
    return customerRepository;
  }

  @Override
  public FeeRepository fees() {
    return fees;
  }

  @Override
  public InventoryRepository inventory() {
    return inventory;
  }

  /**
   * @param tenant a tenant
   * @return every stored movement of the tenant, sorted by id
   */
  public List<Movement> storedMovements(TenantId tenant) {
    return inventory.stored(tenant);
  }

  /**
   * @param tenant a tenant
   * @return the tenant's per-item stock counters, sorted by item
   */
  public Map<String, Long> storedStock(TenantId tenant) {
    return inventory.counters(tenant);
  }

  /**
   * @param tenant a tenant
   * @return every stored fee of the tenant, soft-deleted ones included, sorted by id
   */
  public List<Fee> storedFees(TenantId tenant) {
    return fees.stored(tenant);
  }

  /**
   * @param tenant a tenant
   * @return every stored fee event of the tenant, sorted by id
   */
  public List<FeeEvent> storedFeeEvents(TenantId tenant) {
    return fees.storedEvents(tenant);
  }

  /**
   * @param tenant a tenant
   * @return every stored customer of the tenant, soft-deleted ones included, sorted by id
   */
  public List<Customer> storedCustomers(TenantId tenant) {
    synchronized (lock) {
      return customers.values().stream()
          .filter(c -> c.tenant().equals(tenant))
          .sorted(Comparator.comparing(c -> c.id().toString()))
          .toList();
    }
  }

  /** Under the lock: throws unless the tenant's settings are at that version. */
  private void checkSettings(TenantId tenant, long settingsVersion) {
    Tenant stored = tenants.get(tenant);
    if (stored == null || stored.version() != settingsVersion) {
      throw new SettingsChangedException(tenant, settingsVersion);
    }
  }

  private static String phoneKey(TenantId tenant, String phone) {
    return tenant.value() + "\u0000" + phone;
  }

  private final class Tenants implements TenantRepository {
    @Override
    public boolean insert(Tenant tenant) {
      synchronized (lock) {
        return tenants.putIfAbsent(tenant.id(), tenant) == null;
      }
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
      synchronized (lock) {
        return Optional.ofNullable(tenants.get(id));
      }
    }

    @Override
    public boolean update(Tenant next, long expectedVersion) {
      synchronized (lock) {
        Tenant current = tenants.get(next.id());
        if (current == null || current.version() != expectedVersion) {
          return false;
        }
        tenants.put(next.id(), next);
        return true;
      }
    }
  }

  private final class Customers implements SettingsCheckedCustomerRepository {
    @Override
    public CreateResult create(Customer candidate, long settingsVersion) {
      synchronized (lock) {
        checkSettings(candidate.tenant(), settingsVersion);
        return createLocked(candidate);
      }
    }

    @Override
    public List<CreateResult> createAll(List<Customer> candidates, long settingsVersion) {
      synchronized (lock) {
        if (!candidates.isEmpty()) {
          checkSettings(candidates.get(0).tenant(), settingsVersion);
        }
        return createAll(candidates);
      }
    }

    @Override
    public CreateResult createIfAbsent(Customer candidate, long settingsVersion) {
      synchronized (lock) {
        checkSettings(candidate.tenant(), settingsVersion);
        return createIfAbsent(candidate);
      }
    }

    @Override
    public boolean update(Customer next, long expectedVersion, long settingsVersion) {
      synchronized (lock) {
        checkSettings(next.tenant(), settingsVersion);
        return update(next, expectedVersion);
      }
    }

    @Override
    public CreateResult create(Customer candidate) {
      synchronized (lock) {
        return createLocked(candidate);
      }
    }

    @Override
    public CreateResult createIfAbsent(Customer candidate) {
      synchronized (lock) {
        UUID existingId = phoneIndex.get(phoneKey(candidate.tenant(), candidate.phone()));
        return existingId == null
            ? createLocked(candidate)
            : new CreateResult(customers.get(existingId), false);
      }
    }

    @Override
    public List<CreateResult> createAll(List<Customer> candidates) {
      synchronized (lock) {
        List<CreateResult> results = new ArrayList<>(candidates.size());
        for (Customer candidate : candidates) {
          results.add(createLocked(candidate));
        }
        return results;
      }
    }

    private CreateResult createLocked(Customer candidate) {
      String phone = candidate.phone();
      if (phone != null) {
        UUID existingId = phoneIndex.get(phoneKey(candidate.tenant(), phone));
        if (existingId != null) {
          Customer merged = customers.get(existingId).mergedWith(candidate);
          customers.put(existingId, merged);
          return new CreateResult(merged, false);
        }
        phoneIndex.put(phoneKey(candidate.tenant(), phone), candidate.id());
      }
      customers.put(candidate.id(), candidate);
      return new CreateResult(candidate, true);
    }

    @Override
    public Optional<Customer> findById(TenantId tenant, UUID id) {
      synchronized (lock) {
        return Optional.ofNullable(customers.get(id)).filter(c -> c.tenant().equals(tenant));
      }
    }

    @Override
    public Optional<Customer> findByPhone(TenantId tenant, String phone) {
      synchronized (lock) {
        return Optional.ofNullable(phoneIndex.get(phoneKey(tenant, phone))).map(customers::get);
      }
    }

    @Override
    public Page<Customer> find(
        TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
      List<Customer> matches;
      synchronized (lock) {
        matches = customers.values().stream()
            .filter(c -> c.tenant().equals(tenant))
            .filter(matcher(filter))
            .sorted(order(sort))
            .toList();
      }
      int from = Math.min(page.offset(), matches.size());
      int to = (int) Math.min((long) page.offset() + page.limit(), matches.size());
      return new Page<>(matches.subList(from, to), matches.size(), page.offset(), page.limit());
    }

    @Override
    public boolean update(Customer next, long expectedVersion) {
      synchronized (lock) {
        Customer current = customers.get(next.id());
        if (current == null || !current.tenant().equals(next.tenant())
            || current.version() != expectedVersion) {
          return false;
        }
        if (!Objects.equals(current.phone(), next.phone())) {
          if (next.phone() != null) {
            UUID owner = phoneIndex.get(phoneKey(next.tenant(), next.phone()));
            if (owner != null && !owner.equals(next.id())) {
              throw new ConflictException("customer", next.tenant(), next.id(),
                  "phone already belongs to another customer");
            }
            phoneIndex.put(phoneKey(next.tenant(), next.phone()), next.id());
          }
          if (current.phone() != null) {
            phoneIndex.remove(phoneKey(current.tenant(), current.phone()));
          }
        }
        customers.put(next.id(), next);
        return true;
      }
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
      synchronized (lock) {
        Customer current = customers.get(id);
        if (current == null || !current.tenant().equals(tenant)) {
          return false;
        }
        customers.remove(id);
        if (current.phone() != null) {
          phoneIndex.remove(phoneKey(tenant, current.phone()));
        }
        return true;
      }
    }
  }

  private static Predicate<Customer> matcher(CustomerFilter filter) {
    return c -> (filter.includeInactive() || c.active())
        && containsIgnoringCase(c.name(), filter.name())
        && (filter.phone() == null || filter.phone().equals(c.phone()))
        && containsIgnoringCase(c.contactName(), filter.contactName())
        && (filter.contactEmail() == null || filter.contactEmail().equalsIgnoreCase(c.contactEmail()))
        && (filter.taxNumber() == null || filter.taxNumber().equals(c.taxNumber()));
  }

  private static boolean containsIgnoringCase(@Nullable String value, @Nullable String part) {
    return part == null
        || value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  /** Orders text by Unicode code point, as PostgreSQL's "C" collation and MongoDB do. */
  private static int compareCodePoints(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static Comparator<Customer> order(CustomerSort sort) {
    // Ids compare as their text, which is how PostgreSQL orders uuids and MongoDB orders strings.
    Comparator<Customer> oldestFirst = Comparator.comparing(Customer::createdAt)
        .thenComparing(c -> c.id().toString());
    Comparator<Customer> newestFirst = oldestFirst.reversed();
    return switch (sort) {
      case NEWEST_FIRST -> newestFirst;
      case OLDEST_FIRST -> oldestFirst;
      case NAME -> Comparator.comparing(Customer::name, InMemoryPersistence::compareCodePoints)
          .thenComparing(newestFirst);
    };
  }
}
