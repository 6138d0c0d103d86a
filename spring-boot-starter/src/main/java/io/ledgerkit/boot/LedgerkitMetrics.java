package io.ledgerkit.boot;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.StorageException;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.customer.SettingsCheckedCustomerRepository;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Times every call the SDK makes into its store, as the Micrometer timer {@value #TIMER} tagged
 * with {@code repository} ({@code customer}, {@code tenant}), {@code operation} (the repository
 * method, e.g. {@code create}, {@code update}) and {@code outcome}: {@code success}; {@code
 * unchanged} (a conditional write that did not apply: a lost optimistic race, which the SDK
 * retries, or a tenant that exists already); {@code settings_changed} (a write validated against
 * settings that changed meanwhile, which the SDK repeats on fresh settings); {@code conflict}; {@code storage_error}; {@code
 * error}. A timer counts too, so the counts per outcome come with it. Passes every call and
 * outcome through unchanged: it observes, it decides nothing.
 */
final class LedgerkitMetrics implements PersistenceAdapter {

  /** The timer's name. */
  static final String TIMER = "ledgerkit.store.calls";

  private final PersistenceAdapter delegate;
  private final MeterRegistry registry;
  private final TenantRepository tenants;
  private final CustomerRepository customers;

  LedgerkitMetrics(PersistenceAdapter delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    this.tenants = new Tenants(delegate.tenants());
    CustomerRepository customers = delegate.customers();
    this.customers = customers instanceof SettingsCheckedCustomerRepository checked
        ? new CheckedCustomers(checked) : new Customers(customers);
  }

  @Override
  public TenantRepository tenants() {
    return tenants;
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  @Override
  public String toString() {
    return "metered " + delegate;
  }

  private <T> T timed(String repository, String operation, Supplier<T> call) {
    Timer.Sample sample = Timer.start(registry);
    String outcome = "error";
    try {
      T result = call.get();
      outcome = Boolean.FALSE.equals(result) ? "unchanged" : "success";
      return result;
    } catch (ConflictException e) {
      outcome = "conflict";
      throw e;
    } catch (SettingsChangedException e) {
      outcome = "settings_changed";
      throw e;
    } catch (StorageException e) {
      outcome = "storage_error";
      throw e;
    } finally {
      sample.stop(Timer.builder(TIMER)
          .description("Calls of the Ledgerkit SDK into its store")
          .tag("repository", repository)
          .tag("operation", operation)
          .tag("outcome", outcome)
          .register(registry));
    }
  }

  private final class Tenants implements TenantRepository {
    private final TenantRepository delegate;

    Tenants(TenantRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean insert(Tenant tenant) {
      return timed("tenant", "insert", () -> delegate.insert(tenant));
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
      return timed("tenant", "find", () -> delegate.find(id));
    }

    @Override
    public boolean update(Tenant next, long expectedVersion) {
      return timed("tenant", "update", () -> delegate.update(next, expectedVersion));
    }
  }

  /**
   * Keeps the store's capability to check the settings version in its writes visible to the SDK,
   * which otherwise reads the tenant's settings before each write.
   */
  private final class CheckedCustomers extends Customers implements SettingsCheckedCustomerRepository {
    private final SettingsCheckedCustomerRepository checked;

    CheckedCustomers(SettingsCheckedCustomerRepository delegate) {
      super(delegate);
      this.checked = delegate;
    }

    @Override
    public CreateResult create(Customer candidate, long settingsVersion) {
      return timed("customer", "create", () -> checked.create(candidate, settingsVersion));
    }

    @Override
    public List<CreateResult> createAll(List<Customer> candidates, long settingsVersion) {
      return timed("customer", "createAll", () -> checked.createAll(candidates, settingsVersion));
    }

    @Override
    public CreateResult createIfAbsent(Customer candidate, long settingsVersion) {
      return timed("customer", "createIfAbsent",
          () -> checked.createIfAbsent(candidate, settingsVersion));
    }

    @Override
    public boolean update(Customer next, long expectedVersion, long settingsVersion) {
      return timed("customer", "update",
          () -> checked.update(next, expectedVersion, settingsVersion));
    }
  }

  private class Customers implements CustomerRepository {
    private final CustomerRepository delegate;

    Customers(CustomerRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public CreateResult create(Customer candidate) {
      return timed("customer", "create", () -> delegate.create(candidate));
    }

    @Override
    public CreateResult createIfAbsent(Customer candidate) {
      return timed("customer", "createIfAbsent", () -> delegate.createIfAbsent(candidate));
    }

    @Override
    public List<CreateResult> createAll(List<Customer> candidates) {
      return timed("customer", "createAll", () -> delegate.createAll(candidates));
    }

    @Override
    public Optional<Customer> findById(TenantId tenant, UUID id) {
      return timed("customer", "findById", () -> delegate.findById(tenant, id));
    }

    @Override
    public Optional<Customer> findByPhone(TenantId tenant, String phone) {
      return timed("customer", "findByPhone", () -> delegate.findByPhone(tenant, phone));
    }

    @Override
    public Page<Customer> find(
        TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
      return timed("customer", "find", () -> delegate.find(tenant, filter, page, sort));
    }

    @Override
    public boolean update(Customer next, long expectedVersion) {
      return timed("customer", "update", () -> delegate.update(next, expectedVersion));
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
      return timed("customer", "delete", () -> delegate.delete(tenant, id));
    }
  }
}
