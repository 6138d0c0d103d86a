package io.ledgerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A by-query operation reads its matches page by page; a writer that removes an earlier match
 * between two pages shifts the later ones back. Every customer matching throughout the call must
 * still be handled.
 */
class ByQueryPagingTest {

  private final InMemoryPersistence store = new InMemoryPersistence();
  private final EraseBetweenPages adapter = new EraseBetweenPages(store);
  private final Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter).build();
  private final TenantId tenant = TenantId.of("paging");
  private final Caller system = new Caller(tenant, "system", java.util.Set.of(Role.SYSTEM));

  @Test
  void aMatchShiftedToAnEarlierPageByAConcurrentEraseIsStillHandled() {
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    List<UUID> ids = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      List<CustomerDraft> drafts = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        drafts.add(CustomerDraft.named("Customer " + batch + "-" + i).withTaxNumber("Q"));
      }
      ledgerkit.customers().bulkCreate(system, drafts).stream().map(CreateResult::customer)
          .map(Customer::id).forEach(ids::add);
    }
    adapter.eraseOnSecondPage = ids.get(0);

    List<Customer> deleted = ledgerkit.customers().deleteByQuery(system, CustomerFilter.all().withTaxNumber("Q"));

    assertEquals(1, adapter.erased, "the concurrent erase must have happened");
    assertEquals(ids.size() - 1, deleted.size());
    assertEquals(0, ledgerkit.customers().list(system, CustomerFilter.all().withTaxNumber("Q")).total());
  }

  /** Erases one customer for good just before the second page of a listing is read. */
  private static final class EraseBetweenPages implements PersistenceAdapter {
    private final InMemoryPersistence store;
    private UUID eraseOnSecondPage;
    private int erased;

    EraseBetweenPages(InMemoryPersistence store) {
      this.store = store;
    }

    @Override
    public TenantRepository tenants() {
      return store.tenants();
    }

    @Override
    public CustomerRepository customers() {
      CustomerRepository delegate = store.customers();
      return new CustomerRepository() {
        @Override
        public CreateResult create(Customer candidate) {
          return delegate.create(candidate);
        }

        @Override
        public CreateResult createIfAbsent(Customer candidate) {
          return delegate.createIfAbsent(candidate);
        }

        @Override
        public List<CreateResult> createAll(List<Customer> candidates) {
          return delegate.createAll(candidates);
        }

        @Override
        public Optional<Customer> findById(TenantId tenant, UUID id) {
          return delegate.findById(tenant, id);
        }

        @Override
        public Optional<Customer> findByPhone(TenantId tenant, String phone) {
          return delegate.findByPhone(tenant, phone);
        }

        @Override
        public Page<Customer> find(TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
          if (page.offset() > 0 && eraseOnSecondPage != null) {
            delegate.delete(tenant, eraseOnSecondPage);
            eraseOnSecondPage = null;
            erased++;
          }
          return delegate.find(tenant, filter, page, sort);
        }

        @Override
        public boolean update(Customer next, long expectedVersion) {
          return delegate.update(next, expectedVersion);
        }

        @Override
        public boolean delete(TenantId tenant, UUID id) {
          return delegate.delete(tenant, id);
        }
      };
    }
  }
}
