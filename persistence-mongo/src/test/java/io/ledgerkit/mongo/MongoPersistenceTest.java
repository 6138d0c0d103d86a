package io.ledgerkit.mongo;

import static io.ledgerkit.testkit.CustomerCandidates.T0;
import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.UnstorableText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the MongoDB adapter adds to the contract: layout, indexes, literal filters, errors. */
class MongoPersistenceTest {

  private static final String DATABASE = "ledgerkit_adapter";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static MongoRawStore raw;

  private final TenantId tenant = aTenant();

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.create(mongo.client(), DATABASE);
    raw = new MongoRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private static CustomerRepository customers() {
    return adapter.customers();
  }

  private static MongoCollection<Document> customerCollection() {
    return mongo.client().getDatabase(DATABASE)
        .getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.CUSTOMERS);
  }

  @Test
  void indexesExistAndCreatingTheAdapterAgainIsFine() {
    MongoPersistence again = MongoPersistence.create(mongo.client(), DATABASE);
    assertNotNull(again.customers());

    Map<String, Document> indexes = new HashMap<>();
    customerCollection().listIndexes().forEach(index -> indexes.put(index.getString("name"), index));
    assertEquals(Set.of("_id_", MongoCustomerRepository.PHONE_INDEX,
        MongoCustomerRepository.CREATED_INDEX, MongoCustomerRepository.NAME_INDEX,
        MongoCustomerRepository.TAX_NUMBER_INDEX), indexes.keySet());
    Document phone = indexes.get(MongoCustomerRepository.PHONE_INDEX);
    assertEquals(new Document("tenantId", 1).append("phoneKey", 1), phone.get("key", Document.class));
    assertTrue(phone.getBoolean("unique", false));
    assertEquals(new Document("tenantId", 1).append("createdAt", -1).append("_id", -1),
        indexes.get(MongoCustomerRepository.CREATED_INDEX).get("key", Document.class));
  }

  @Test
  void storedLayoutUsesTheSeedNamesAndBsonTypes() {
    Customer candidate = aCandidate(tenant).withPhone("+4930123456").withContactEmail("a@b.de")
        .build();
    customers().create(candidate);

    Document stored = raw.documents(tenant).get(0);
    assertEquals(Set.of("_id", "tenantId", "phoneKey", "phone", "createdAt", "name",
        "contactEmail", "isActive", "updatedAt", "version"), stored.keySet());
    assertEquals(candidate.id().toString(), stored.get("_id"));
    assertEquals("+4930123456", stored.get("phoneKey"));
    assertInstanceOf(Date.class, stored.get("createdAt"));
    assertInstanceOf(Long.class, stored.get("version"));
    assertEquals(1L, stored.get("version"));
    assertEquals(Boolean.TRUE, stored.get("isActive"));
  }

  @Test
  void customersWithoutPhoneNeverCollideButEqualPhonesDo() {
    CreateResult first = customers().create(aCandidate(tenant).build());
    CreateResult second = customers().create(aCandidate(tenant).build());
    assertTrue(first.isNew());
    assertTrue(second.isNew());

    CreateResult withPhone = customers().create(aCandidate(tenant).withPhone("+4930111").build());
    CreateResult samePhone = customers().create(aCandidate(tenant).withPhone("+4930111").build());
    assertTrue(withPhone.isNew());
    assertFalse(samePhone.isNew());
    assertEquals(withPhone.customer().id(), samePhone.customer().id());
    assertEquals(3, raw.customers(tenant).size());

    // The database itself refuses a second document with the phone, whoever writes it.
    MongoWriteException refused = assertThrows(MongoWriteException.class,
        () -> customerCollection().insertOne(new Document("_id", UUID.randomUUID().toString())
            .append("tenantId", tenant.value()).append("phone", "+4930111")
            .append("phoneKey", "+4930111")));
    assertEquals(11000, refused.getCode());
  }

  @Test
  void theSamePhoneMayExistInAnotherTenant() {
    TenantId other = aTenant();
    assertTrue(customers().create(aCandidate(tenant).withPhone("+4930222").build()).isNew());
    assertTrue(customers().create(aCandidate(other).withPhone("+4930222").build()).isNew());
  }

  @Test
  void createMergesIntoTheStoredCustomerAsTheCoreDefines() {
    Customer first = aCandidate(tenant).withPhone("+4930333").withContactName("Ravi")
        .withTaxNumber("GST-1").build();
    Customer stored = customers().create(first).customer();
    customers().update(new Customer(stored.id(), tenant, stored.name(), stored.phone(),
        stored.contactName(), stored.contactEmail(), stored.address(), stored.taxNumber(),
        stored.notes(), false, stored.createdAt(), T0.plusSeconds(1), 2), 1);
    Customer deleted = customers().findById(tenant, stored.id()).orElseThrow();

    Customer candidate = aCandidate(tenant).named("Asha Stores").withPhone("+4930333")
        .withContactEmail("asha@example.com").at(T0.plusSeconds(60)).build();
    CreateResult merged = customers().create(candidate);

    assertFalse(merged.isNew());
    assertEquals(deleted.mergedWith(candidate), merged.customer());
    assertEquals(merged.customer(), customers().findById(tenant, stored.id()).orElseThrow());
  }

  @Test
  void concurrentCreatesOfTheSamePhonesEndAsOneCustomerPerPhone() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    int phones = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger inserted = new AtomicInteger();
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String phone = "+4915" + (1_000_000 + ThreadLocalRandom.current().nextInt(phones));
            if (customers().create(aCandidate(tenant).withPhone(phone).build()).isNew()) {
              inserted.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Map<String, Object>> stored = raw.customers(tenant);
    Set<Object> distinctPhones = new HashSet<>();
    long versions = 0;
    for (Map<String, Object> customer : stored) {
      distinctPhones.add(customer.get("phone"));
      versions += (Long) customer.get("version");
    }
    assertEquals(phones, stored.size());
    assertEquals(phones, distinctPhones.size());
    assertEquals(phones, inserted.get());
    // Every create counted exactly once: as the insert (version 1) or as one merge (+1).
    assertEquals(threads * perThread, versions);
  }

  @Test
  void filterValuesAreLiteralsNeverPatternsOrQueries() {
    customers().create(aCandidate(tenant).named("Asha Traders").withPhone("+4930444")
        .withContactName("Ravi").withContactEmail("ravi@example.com").withTaxNumber("GST-9")
        .build());
    customers().create(aCandidate(tenant).named("a.*b (literally)").build());
    customers().create(aCandidate(tenant).named("{\"$ne\": null}").build());

    assertEquals(List.of("a.*b (literally)"), names(filter().withName(".*")));
    assertEquals(List.of(), names(filter().withName("Asha.*")));
    assertEquals(List.of(), names(filter().withName("^Asha")));
    assertEquals(List.of("a.*b (literally)"), names(filter().withName("A.*B (")));
    assertEquals(List.of("{\"$ne\": null}"), names(filter().withName("{\"$ne\": null}")));
    assertEquals(List.of("Asha Traders"), names(filter().withName("sha tr")));
    assertEquals(List.of(), names(filter().withPhone("{\"$ne\": null}")));
    assertEquals(List.of(), names(filter().withContactName(".*")));
    assertEquals(List.of("Asha Traders"), names(filter().withContactName("AV")));
    assertEquals(List.of(), names(filter().withContactEmail(".*")));
    assertEquals(List.of(), names(filter().withContactEmail("ravi@example")));
    assertEquals(List.of(), names(filter().withContactEmail("ravi@example.co.")));
    assertEquals(List.of("Asha Traders"), names(filter().withContactEmail("RAVI@Example.com")));
    assertEquals(List.of(), names(filter().withTaxNumber("{\"$ne\": null}")));
    assertEquals(List.of(), names(filter().withTaxNumber("gst-9")));
    assertEquals(List.of("Asha Traders"), names(filter().withTaxNumber("GST-9")));
  }

  @Test
  void listsSortAndPageStably() {
    Customer b = customers().create(aCandidate(tenant).named("Bela").at(T0).build()).customer();
    Customer a1 = customers().create(aCandidate(tenant).named("Anil").at(T0).build()).customer();
    Customer a2 = customers().create(aCandidate(tenant).named("Anil").at(T0.plusSeconds(1)).build())
        .customer();
    Customer c = customers().create(aCandidate(tenant).named("Chitra").at(T0.plusSeconds(2)).build())
        .customer();
    List<Customer> sameTime = new ArrayList<>(List.of(b, a1));
    sameTime.sort((x, y) -> x.id().toString().compareTo(y.id().toString()));

    assertEquals(List.of(c, a2, sameTime.get(1), sameTime.get(0)), page(CustomerSort.NEWEST_FIRST, 0, 10).items());
    assertEquals(List.of(sameTime.get(0), sameTime.get(1), a2, c), page(CustomerSort.OLDEST_FIRST, 0, 10).items());
    assertEquals(List.of(a2, a1, b, c), page(CustomerSort.NAME, 0, 10).items());

    Page<Customer> second = page(CustomerSort.NAME, 2, 2);
    assertEquals(List.of(b, c), second.items());
    assertEquals(4, second.total());
    assertFalse(second.hasNext());
    assertEquals(4, page(CustomerSort.NAME, 10, 2).total());
  }

  @Test
  void inactiveCustomersAreHiddenUnlessAskedFor() {
    Customer stored = customers().create(aCandidate(tenant).named("Gone").build()).customer();
    assertTrue(customers().update(deactivated(stored), 1));

    assertEquals(List.of(), names(filter()));
    assertEquals(List.of("Gone"), names(filter().includingInactive()));
  }

  @Test
  void aDuplicatePhoneOnUpdateIsAConflictAndChangesNothing() {
    customers().create(aCandidate(tenant).withPhone("+4930555").build());
    Customer other = customers().create(aCandidate(tenant).withPhone("+4930556").build()).customer();
    List<Map<String, Object>> before = raw.customers(tenant);

    Customer next = new Customer(other.id(), tenant, "Renamed", "+4930555", null, null, null, null,
        null, true, other.createdAt(), T0.plusSeconds(5), 2);
    ConflictException conflict =
        assertThrows(ConflictException.class, () -> customers().update(next, 1));

    assertEquals(tenant, conflict.tenant());
    assertEquals(other.id(), conflict.id());
    assertEquals(before, raw.customers(tenant));
  }

  @Test
  void updateReplacesEveryMutableFieldOnlyAtTheExpectedVersionAndInTheTenant() {
    Customer stored = customers().create(aCandidate(tenant).withPhone("+4930666")
        .withContactName("Ravi").withTaxNumber("GST-2").build()).customer();
    Customer next = new Customer(stored.id(), tenant, "Renamed", null, null, "r@example.com",
        "Street 1", null, "notes", false, stored.createdAt(), T0.plusSeconds(9), 2);

    assertFalse(customers().update(new Customer(stored.id(), aTenant(), "Elsewhere", null,
        null, null, null, null, null, true, stored.createdAt(), T0.plusSeconds(9), 2), 1));
    assertFalse(customers().update(next, 7));
    assertTrue(customers().update(next, 1));
    assertFalse(customers().update(next, 1));

    assertEquals(next, customers().findById(tenant, stored.id()).orElseThrow());
    assertEquals(Set.of("id", "tenantId", "name", "contactEmail", "address", "notes", "isActive",
        "createdAt", "updatedAt", "version"), raw.customers(tenant).get(0).keySet());
    // The phone is free again, and a phone-less customer does not block another one.
    assertTrue(customers().create(aCandidate(tenant).withPhone("+4930666").build()).isNew());
    assertTrue(customers().create(aCandidate(tenant).build()).isNew());
  }

  @Test
  void readsAndDeletesStayInsideTheTenant() {
    Customer stored = customers().create(aCandidate(tenant).withPhone("+4930777").build()).customer();
    TenantId other = aTenant();

    assertTrue(customers().findById(other, stored.id()).isEmpty());
    assertTrue(customers().findByPhone(other, "+4930777").isEmpty());
    assertEquals(0, customers().find(other, filter(), PageRequest.FIRST, CustomerSort.NAME).total());
    assertFalse(customers().delete(other, stored.id()));
    assertEquals(stored, customers().findByPhone(tenant, "+4930777").orElseThrow());

    assertTrue(customers().delete(tenant, stored.id()));
    assertFalse(customers().delete(tenant, stored.id()));
    assertEquals(List.of(), raw.customers(tenant));
  }

  @Test
  void aCreateWhoseIdIsTakenIsAConflictAfterBoundedRepeatsAndWritesNothing() {
    Customer taken = customers().create(aCandidate(tenant).withPhone("+4930123").build()).customer();
    List<Map<String, Object>> before = raw.customers(tenant);
    Customer sameIdWithPhone = new Customer(taken.id(), tenant, "Other", "+4930124", null, null,
        null, null, null, true, T0, T0, 1);
    Customer sameIdWithoutPhone = new Customer(taken.id(), tenant, "Other", null, null, null,
        null, null, null, true, T0, T0, 1);

    ConflictException upsert =
        assertThrows(ConflictException.class, () -> customers().create(sameIdWithPhone));
    ConflictException insert =
        assertThrows(ConflictException.class, () -> customers().create(sameIdWithoutPhone));

    assertEquals(taken.id(), upsert.id());
    assertEquals(taken.id(), insert.id());
    assertEquals(before, raw.customers(tenant));
  }

  @Test
  void aStringTheServerWouldAlterIsRefusedNotStored() {
    UnstorableText.assertRefusedByRepository(customers(), raw, tenant);
  }

  @Test
  void findByPhoneNeverMatchesTheKeyOfACustomerWithoutPhone() {
    Customer stored = customers().create(aCandidate(tenant).build()).customer();
    assertTrue(customers().findByPhone(tenant, "none:" + stored.id()).isEmpty());
  }

  @Test
  void anUnexpectedServerErrorIsAStorageFailureNotAConflict() {
    // A document whose version is not a number makes the merge's $inc fail on the server.
    customerCollection().insertOne(new Document("_id", UUID.randomUUID().toString())
        .append("tenantId", tenant.value()).append("phone", "+4930888")
        .append("phoneKey", "+4930888").append("version", "one"));

    StorageException failure = assertThrows(StorageException.class,
        () -> customers().create(aCandidate(tenant).withPhone("+4930888").build()));
    assertTrue(MongoException.class.isAssignableFrom(driverTypeOf(failure)),
        "the driver's exception is kept as the cause, by type");
    assertFalse(failure.getCause().getMessage().contains("+4930888"), "without its message");
  }

  @Test
  void aClosedClientIsAStorageFailureNotADriverException() {
    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoPersistence closing = MongoPersistence.create(client, DATABASE);
    client.close();

    UUID id = UUID.randomUUID();
    StorageException read = assertThrows(StorageException.class,
        () -> closing.customers().findById(tenant, id));
    assertEquals(IllegalStateException.class, driverTypeOf(read));
    assertThrows(StorageException.class,
        () -> closing.customers().create(aCandidate(tenant).withPhone("+4930999").build()));
    assertThrows(StorageException.class, () -> closing.tenants().find(tenant));
    assertThrows(StorageException.class, () -> MongoPersistence.create(client, DATABASE));
  }

  @Test
  void tenantsAreStoredOnceAndChangedOnlyAtTheExpectedVersion() {
    TenantRepository tenants = adapter.tenants();
    Tenant registered = new Tenant(tenant, TenantSettings.defaults(), T0, T0, 1);
    assertTrue(tenants.insert(registered));
    assertFalse(tenants.insert(new Tenant(tenant, TenantSettings.defaults().withDefaultPhoneRegion("IN"),
        T0, T0, 1)));
    assertEquals(registered, tenants.find(tenant).orElseThrow());

    Instant later = T0.plusSeconds(30);
    Tenant changed = new Tenant(tenant, TenantSettings.defaults().withDefaultPhoneRegion("IN")
        .withMandatoryCustomerFields(CustomerField.TAX_NUMBER, CustomerField.ADDRESS)
        .withAllowNegativeStock(true), T0, later, 2);
    assertFalse(tenants.update(changed, 5));
    assertTrue(tenants.update(changed, 1));
    assertEquals(changed, tenants.find(tenant).orElseThrow());

    Document stored = mongo.client().getDatabase(DATABASE)
        .getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.TENANTS)
        .find(new Document("_id", tenant.value())).first();
    assertEquals(List.of("ADDRESS", "TAX_NUMBER"), stored.getList("mandatoryCustomerFields", String.class));

    Tenant reset = new Tenant(tenant, TenantSettings.defaults(), T0, later.plusSeconds(1), 3);
    assertTrue(tenants.update(reset, 2));
    assertEquals(reset, tenants.find(tenant).orElseThrow());
    assertTrue(tenants.find(aTenant()).isEmpty());
  }

  @Test
  void theBuilderChecksNamesAndAppliesThePrefix() {
    assertThrows(IllegalArgumentException.class, () -> MongoPersistence.create(mongo.client(), ""));
    assertThrows(IllegalArgumentException.class,
        () -> MongoPersistence.create(mongo.client(), "bad.name"));
    MongoPersistence.Builder builder = MongoPersistence.builder(mongo.client(), DATABASE);
    assertThrows(IllegalArgumentException.class, () -> builder.collectionPrefix("a$").build());
    assertThrows(IllegalArgumentException.class, () -> builder.collectionPrefix("system.").build());

    MongoPersistence prefixed = builder.collectionPrefix("other_").build();
    assertEquals("other_", prefixed.collectionPrefix());
    assertEquals(MongoPersistence.DEFAULT_COLLECTION_PREFIX, builder.build().collectionPrefix());
    prefixed.customers().create(aCandidate(tenant).build());
    assertEquals(1, mongo.client().getDatabase(DATABASE).getCollection("other_customers")
        .countDocuments(new Document("tenantId", tenant.value())));
    assertEquals(List.of(), raw.customers(tenant));
  }

  private static CustomerFilter filter() {
    return CustomerFilter.all();
  }

  private List<String> names(CustomerFilter filter) {
    return customers().find(tenant, filter, PageRequest.FIRST, CustomerSort.NAME).items().stream()
        .map(Customer::name).toList();
  }

  private Page<Customer> page(CustomerSort sort, int offset, int limit) {
    return customers().find(tenant, filter(), PageRequest.of(offset, limit), sort);
  }

  private static Customer deactivated(Customer c) {
    return new Customer(c.id(), c.tenant(), c.name(), c.phone(), c.contactName(), c.contactEmail(),
        c.address(), c.taxNumber(), c.notes(), false, c.createdAt(), c.updatedAt().plusSeconds(1),
        c.version() + 1);
  }

  private static Class<?> driverTypeOf(Throwable failure) {
    try {
      return Class.forName(assertInstanceOf(DriverFailure.class, failure.getCause()).driverType());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
