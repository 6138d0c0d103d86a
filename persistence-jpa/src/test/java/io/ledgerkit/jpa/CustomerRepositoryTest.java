package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.T0;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.UnstorableText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The customer repository on a real PostgreSQL, beyond what the contract suite checks. */
class CustomerRepositoryTest {

  private final CustomerRepository customers = TestDatabase.persistence().customers();
  private final JdbcRawStore raw = TestDatabase.rawStore();
  private final TenantId tenant = aTenant();

  @Test
  void createInsertsANewCustomerAsGiven() {
    Customer candidate = aCandidate(tenant).withPhone("+919876543210").withContactName("Ravi")
        .withContactEmail("ravi@example.com").withAddress("1 Main Rd\nPune").withTaxNumber("GST1")
        .withNotes("pays late").build();

    CreateResult result = customers.create(candidate);

    assertTrue(result.isNew());
    assertEquals(candidate, result.customer());
    assertEquals(Optional.of(candidate), customers.findById(tenant, candidate.id()));
    assertEquals(1, raw.customers(tenant).size());
  }

  @Test
  void aStringTheDriverWouldAlterIsRefusedNotStored() {
    UnstorableText.assertRefusedByRepository(customers, raw, tenant);
  }

  @Test
  void createWithAKnownPhoneMergesExactlyAsMergedWith() {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+919876543210")
        .withContactName("Ravi").withAddress("old address").withNotes("old notes").build())
        .customer();
    Customer candidate = aCandidate(tenant).named("Asha Traders Pvt").withPhone("+919876543210")
        .withAddress("new address").withTaxNumber("GST2").at(T0.plusSeconds(60)).build();

    CreateResult result = customers.create(candidate);

    assertFalse(result.isNew());
    assertEquals(stored.mergedWith(candidate), result.customer());
    assertEquals(Optional.of(result.customer()), customers.findById(tenant, stored.id()));
    assertEquals(1, raw.customers(tenant).size());
  }

  @Test
  void createWithThePhoneOfASoftDeletedCustomerReactivatesIt() {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+4930123456").build())
        .customer();
    Customer deleted = copy(stored, false, stored.phone(), 2);
    assertTrue(customers.update(deleted, 1));

    CreateResult result = customers.create(aCandidate(tenant).withPhone("+4930123456").build());

    assertFalse(result.isNew());
    assertEquals(stored.id(), result.customer().id());
    assertTrue(result.customer().active());
    assertEquals(3, result.customer().version());
  }

  @Test
  void customersWithoutAPhoneAreNeverMerged() {
    customers.create(aCandidate(tenant).build());
    CreateResult second = customers.create(aCandidate(tenant).build());

    assertTrue(second.isNew());
    assertEquals(2, raw.customers(tenant).size());
  }

  @Test
  void theSamePhoneInAnotherTenantIsAnotherCustomer() {
    TenantId other = aTenant();
    Customer mine = customers.create(aCandidate(tenant).withPhone("+4930123456").build()).customer();

    CreateResult theirs = customers.create(aCandidate(other).withPhone("+4930123456").build());

    assertTrue(theirs.isNew());
    assertNotEquals(mine.id(), theirs.customer().id());
    assertEquals(Optional.of(mine), customers.findByPhone(tenant, "+4930123456"));
    assertEquals(Optional.of(theirs.customer()), customers.findByPhone(other, "+4930123456"));
  }

  @Test
  void createAllMergesALaterCandidateIntoAnEarlierOneOfTheBatch() {
    Customer first = aCandidate(tenant).named("First").withPhone("+4930111111").build();
    Customer second = aCandidate(tenant).named("Second").withPhone("+4930222222").build();
    Customer third = aCandidate(tenant).named("Third").withPhone("+4930111111")
        .withNotes("merged").build();

    List<CreateResult> results = customers.createAll(List.of(first, second, third));

    assertEquals(List.of(true, true, false), results.stream().map(CreateResult::isNew).toList());
    assertEquals(first.mergedWith(third), results.get(2).customer());
    assertEquals(2, raw.customers(tenant).size());
  }

  @Test
  void readsAndWritesByIdStayInTheTenant() {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+4930123456").build())
        .customer();
    TenantId other = aTenant();

    assertEquals(Optional.empty(), customers.findById(other, stored.id()));
    assertEquals(Optional.empty(), customers.findByPhone(other, "+4930123456"));
    assertFalse(customers.update(inTenant(copy(stored, false, stored.phone(), 2), other), 1));
    assertFalse(customers.delete(other, stored.id()));
    assertEquals(Optional.of(stored), customers.findById(tenant, stored.id()));
  }

  @Test
  void updateWritesOnlyWhileTheVersionIsTheExpectedOne() {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+4930123456").build())
        .customer();
    Customer next = copy(stored, true, "+4930999999", 2);

    assertFalse(customers.update(next, 7));
    assertEquals(Optional.of(stored), customers.findById(tenant, stored.id()));
    assertTrue(customers.update(next, 1));
    assertEquals(Optional.of(next), customers.findById(tenant, stored.id()));
    assertFalse(customers.update(copy(next, false, next.phone(), 2), 1));
  }

  @Test
  void deleteErasesTheCustomerAndFreesItsPhone() {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+4930123456").build())
        .customer();

    assertTrue(customers.delete(tenant, stored.id()));
    assertFalse(customers.delete(tenant, stored.id()));
    assertEquals(List.of(), raw.customers(tenant));
    assertTrue(customers.create(aCandidate(tenant).withPhone("+4930123456").build()).isNew());
  }

  @Test
  void filtersMatchTheirValuesLiterally() {
    Customer percent = customers.create(aCandidate(tenant).named("100% Cotton")
        .withContactName("Mr_X").withContactEmail("Sales@Cotton.example").withTaxNumber("GST-1")
        .build()).customer();
    Customer plain = customers.create(aCandidate(tenant).named("1000 Cotton")
        .withContactName("MrAX").withContactEmail("sales@other.example").withTaxNumber("gst-1")
        .withPhone("+4930123456").at(T0.plusSeconds(1)).build()).customer();

    assertEquals(List.of(percent), ids(CustomerFilter.all().withName("100%")));
    assertEquals(List.of(percent, plain), ids(CustomerFilter.all().withName("cOTTON")));
    assertEquals(List.of(percent), ids(CustomerFilter.all().withContactName("r_x")));
    assertEquals(List.of(percent),
        ids(CustomerFilter.all().withContactEmail("sales@cotton.EXAMPLE")));
    assertEquals(List.of(plain), ids(CustomerFilter.all().withTaxNumber("gst-1")));
    assertEquals(List.of(plain), ids(CustomerFilter.all().withPhone("+4930123456")));
    assertEquals(List.of(), ids(CustomerFilter.all().withName("' or 1=1 --")));
    assertEquals(List.of(), ids(CustomerFilter.all().withName("!%")));
    Customer bang = customers.create(aCandidate(tenant).named("Wow!% Deals\\")
        .at(T0.plusSeconds(2)).build()).customer();
    assertEquals(List.of(bang), ids(CustomerFilter.all().withName("w!%")));
    assertEquals(List.of(bang), ids(CustomerFilter.all().withName("deals\\")));
  }

  @Test
  void inactiveCustomersMatchOnlyWhenAskedFor() {
    Customer stored = customers.create(aCandidate(tenant).build()).customer();
    assertTrue(customers.update(copy(stored, false, null, 2), 1));

    assertEquals(List.of(), ids(CustomerFilter.all()));
    assertEquals(1, customers.find(tenant, CustomerFilter.all().includingInactive(),
        PageRequest.FIRST, CustomerSort.NEWEST_FIRST).total());
  }

  @Test
  void listingsSortStablyAndPage() {
    List<UUID> tied = Stream.generate(UUID::randomUUID).limit(2)
        .sorted(Comparator.comparing(UUID::toString)).toList();
    UUID low = tied.get(0);
    UUID high = tied.get(1);
    Customer older = customers.create(aCandidate(tenant).named("Zeta").at(T0).build()).customer();
    Customer tieLow = customers.create(aCandidate(tenant).withId(low).named("Alpha")
        .at(T0.plus(Duration.ofMillis(1))).build()).customer();
    Customer tieHigh = customers.create(aCandidate(tenant).withId(high).named("Alpha")
        .at(T0.plus(Duration.ofMillis(1))).build()).customer();

    assertEquals(List.of(tieHigh, tieLow, older), list(CustomerSort.NEWEST_FIRST, 0, 10).items());
    assertEquals(List.of(older, tieLow, tieHigh), list(CustomerSort.OLDEST_FIRST, 0, 10).items());
    assertEquals(List.of(tieHigh, tieLow, older), list(CustomerSort.NAME, 0, 10).items());

    Page<Customer> second = list(CustomerSort.OLDEST_FIRST, 1, 1);
    assertEquals(List.of(tieLow), second.items());
    assertEquals(3, second.total());
    assertTrue(second.hasNext());
    Page<Customer> beyond = list(CustomerSort.OLDEST_FIRST, 5, 1);
    assertEquals(List.of(), beyond.items());
    assertEquals(3, beyond.total());
  }

  @Test
  void concurrentCreatesOfOnePhoneMakeOneCustomer() throws Exception {
    int writers = 8;
    CountDownLatch ready = new CountDownLatch(writers);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<CreateResult>> futures = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        Customer candidate = aCandidate(tenant).named("Writer " + i).withPhone("+4930123456")
            .build();
        Callable<CreateResult> create = () -> {
          ready.countDown();
          go.await();
          return customers.create(candidate);
        };
        futures.add(pool.submit(create));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS));
      go.countDown();
      List<CreateResult> results = new ArrayList<>();
      for (Future<CreateResult> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }

      assertEquals(1, results.stream().filter(CreateResult::isNew).count());
      assertEquals(1, results.stream().map(r -> r.customer().id()).distinct().count());
      assertEquals(1, raw.customers(tenant).size());
      assertEquals((long) writers, raw.customers(tenant).get(0).get("version"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBatchesOfTheSamePhonesInOppositeOrdersNeitherDeadlockNorDuplicate()
      throws Exception {
    List<Customer> forward = new ArrayList<>();
    List<Customer> backward = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String phone = "+49301" + (100000 + i);
      forward.add(aCandidate(tenant).named("Forward " + i).withPhone(phone).build());
      backward.add(0, aCandidate(tenant).named("Backward " + i).withPhone(phone).build());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<CreateResult>>> batches = new ArrayList<>();
      for (List<Customer> batch : List.of(forward, backward)) {
        batches.add(pool.submit(() -> {
          go.await();
          return customers.createAll(batch);
        }));
      }
      go.countDown();
      long created = 0;
      for (Future<List<CreateResult>> batch : batches) {
        created += batch.get(60, TimeUnit.SECONDS).stream().filter(CreateResult::isNew).count();
      }

      assertEquals(200, created);
      assertEquals(200, raw.customers(tenant).size());
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Customer> ids(CustomerFilter filter) {
    return customers.find(tenant, filter, PageRequest.FIRST, CustomerSort.OLDEST_FIRST).items();
  }

  private Page<Customer> list(CustomerSort sort, int offset, int limit) {
    return customers.find(tenant, CustomerFilter.all(), PageRequest.of(offset, limit), sort);
  }

  private static Customer inTenant(Customer c, TenantId other) {
    return new Customer(c.id(), other, c.name(), c.phone(), c.contactName(), c.contactEmail(),
        c.address(), c.taxNumber(), c.notes(), c.active(), c.createdAt(), c.updatedAt(),
        c.version());
  }

  private static Customer copy(Customer c, boolean active, String phone, long version) {
    return new Customer(c.id(), c.tenant(), c.name(), phone, c.contactName(), c.contactEmail(),
        c.address(), c.taxNumber(), c.notes(), active, c.createdAt(),
        c.updatedAt().plusSeconds(1), version);
  }
}
