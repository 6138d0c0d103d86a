package io.ledgerkit.testkit;

import static io.ledgerkit.testkit.CustomerDrafts.aCustomer;
import static io.ledgerkit.testkit.CustomerDrafts.indianMobile;
import static io.ledgerkit.testkit.CustomerDrafts.indianMobileSpelled;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The customer contract every persistence adapter passes (domain rules, sections 1, 2 and 6).
 * Extend it, return the adapter under test and a {@link RawStore} reading the same store. Every
 * test registers fresh random tenants, so the store need not be emptied between tests.
 */
public abstract class CustomerContractTest {

  /** Where the clock starts: with microseconds, which the SDK must cut to milliseconds. */
  protected static final Instant START = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** The clock of the SDK under test. */
  protected SettableClock clock;
  /** The SDK under test, on {@link #adapter()}. */
  protected Ledgerkit ledgerkit;
  /** Shortcut to {@code ledgerkit.customers()}. */
  protected CustomerService customers;
  /** A fresh tenant with default phone region IN. */
  protected TenantId tenant;
  /** A second fresh tenant with default phone region IN. */
  protected TenantId otherTenant;
  /** OWNER of {@link #tenant}. */
  protected Caller owner;
  /** STAFF of {@link #tenant}. */
  protected Caller staff;
  /** SYSTEM caller of {@link #tenant}. */
  protected Caller system;
  /** OWNER of {@link #otherTenant}. */
  protected Caller otherOwner;

  /** @return the adapter under test; may be the same instance for every test */
  protected abstract PersistenceAdapter adapter();

  /** @return a reader of the same store that bypasses the adapter */
  protected abstract RawStore rawStore();

  @BeforeEach
  void setUpTenants() {
    clock = new SettableClock(START);
    ledgerkit = Ledgerkit.builder().persistence(adapter()).clock(clock).build();
    customers = ledgerkit.customers();
    tenant = registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN"));
    otherTenant = registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN"));
    owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    system = new Caller(tenant, "system", Set.of(Role.SYSTEM));
    otherOwner = new Caller(otherTenant, "owner-2", Set.of(Role.OWNER));
  }

  /**
   * @param settings the new tenant's settings
   * @return the id of a freshly registered tenant
   */
  protected TenantId registerTenant(TenantSettings settings) {
    TenantId id = TenantId.of("tenant-" + UUID.randomUUID());
    ledgerkit.tenants().register(id, settings);
    return id;
  }

  private static <T> List<T> race(int threads, java.util.function.IntFunction<T> task)
      throws Exception {
    return Races.race(threads, task);
  }

  /** @return the raw records of {@link #tenant} */
  protected List<Map<String, Object>> raw() {
    return rawStore().customers(tenant);
  }

  /**
   * Runs the action, which must fail as given, and checks the raw store of both tenants is
   * unchanged.
   *
   * @param expected the exception the action must throw
   * @param action the refused operation
   * @param <T> the exception type
   * @return the exception thrown, for further checks
   */
  protected <T extends Throwable> T assertRefusedUnchanged(Class<T> expected, Executable action) {
    List<Map<String, Object>> before = rawStore().customers(tenant);
    List<Map<String, Object>> otherBefore = rawStore().customers(otherTenant);
    T thrown = assertThrows(expected, action);
    assertEquals(before, rawStore().customers(tenant), "raw store of the tenant changed");
    assertEquals(otherBefore, rawStore().customers(otherTenant), "raw store of the other tenant changed");
    return thrown;
  }

  private Customer create(CustomerDraft draft) {
    return customers.create(owner, draft).customer();
  }

  private Customer createWithPhone(String name, int phone) {
    return create(CustomerDraft.named(name).withPhone(indianMobile(phone)));
  }

  private static Set<String> fields(ValidationException e) {
    return new HashSet<>(e.fields());
  }

  private static List<String> names(Page<Customer> page) {
    return page.items().stream().map(Customer::name).toList();
  }

  /** Create with deduplication by normalized phone. */
  @Nested
  class Creating {

    @Test
    void createsACustomerWithItsPhoneInE164() {
      CreateResult result = customers.create(staff, aCustomer().withPhone("098765 43210")
          .withContactName(" Asha ").withContactEmail("asha@example.com").withAddress("1 MG Road\nPune")
          .withTaxNumber("27AAPFU0939F1ZV").withNotes("pays in cash"));

      Customer c = result.customer();
      assertTrue(result.isNew());
      assertAll(
          () -> assertEquals("+919876543210", c.phone()),
          () -> assertEquals("Asha", c.contactName()),
          () -> assertEquals(tenant, c.tenant()),
          () -> assertTrue(c.active()),
          () -> assertEquals(1, c.version()),
          () -> assertEquals(START.truncatedTo(ChronoUnit.MILLIS), c.createdAt()),
          () -> assertEquals(c.createdAt(), c.updatedAt()));
      List<Map<String, Object>> raw = raw();
      assertEquals(1, raw.size());
      Map<String, Object> row = raw.get(0);
      assertAll(
          () -> assertEquals(c.id().toString(), row.get("id")),
          () -> assertEquals(tenant.value(), row.get("tenantId")),
          () -> assertEquals("Asha Traders", row.get("name")),
          () -> assertEquals("+919876543210", row.get("phone")),
          () -> assertEquals("asha@example.com", row.get("contactEmail")),
          () -> assertEquals("1 MG Road\nPune", row.get("address")),
          () -> assertEquals("27AAPFU0939F1ZV", row.get("taxNumber")),
          () -> assertEquals("pays in cash", row.get("notes")),
          () -> assertEquals(Boolean.TRUE, row.get("isActive")),
          () -> assertEquals(1L, row.get("version")),
          () -> assertEquals(c.createdAt(), row.get("createdAt")));
      assertEquals(c, customers.findById(owner, c.id()).orElseThrow(), "read back differs");
    }

    @Test
    void deduplicatesAcrossPhoneFormats() {
      List<String> spellings = List.of("098765 43210", "+91 98765-43210", "9876543210",
          "0091 9876543210", "+919876543210");
      List<CreateResult> results = new ArrayList<>();
      for (int i = 0; i < spellings.size(); i++) {
        clock.advance(Duration.ofSeconds(1));
        results.add(customers.create(staff, CustomerDraft.named("Name " + i).withPhone(spellings.get(i))));
      }

      assertTrue(results.get(0).isNew());
      UUID id = results.get(0).customer().id();
      for (CreateResult later : results.subList(1, results.size())) {
        assertFalse(later.isNew());
        assertEquals(id, later.customer().id());
      }
      Customer last = results.get(results.size() - 1).customer();
      assertEquals("Name 4", last.name());
      assertEquals(5, last.version());
      assertEquals(START.truncatedTo(ChronoUnit.MILLIS).plusSeconds(1), last.createdAt());
      assertEquals(START.truncatedTo(ChronoUnit.MILLIS).plusSeconds(5), last.updatedAt());
      assertEquals(1, raw().size());
      assertEquals(5L, raw().get(0).get("version"));
    }

    @Test
    void repeatedCreateReplacesGivenFieldsAndKeepsTheOthers() {
      Customer first = create(aCustomer().withPhone(indianMobile(1)).withContactEmail("a@example.com")
          .withAddress("Old address").withNotes("first"));
      clock.advance(Duration.ofMinutes(1));
      CreateResult again = customers.create(owner, CustomerDraft.named("Renamed")
          .withPhone(indianMobileSpelled(1, 1)).withAddress("New address"));

      Customer c = again.customer();
      assertFalse(again.isNew());
      assertAll(
          () -> assertEquals(first.id(), c.id()),
          () -> assertEquals("Renamed", c.name()),
          () -> assertEquals("a@example.com", c.contactEmail()),
          () -> assertEquals("New address", c.address()),
          () -> assertEquals("first", c.notes()),
          () -> assertEquals(first.createdAt(), c.createdAt()),
          () -> assertEquals(first.createdAt().plus(Duration.ofMinutes(1)), c.updatedAt()),
          () -> assertEquals(2, c.version()));
      assertEquals(c, customers.findById(owner, c.id()).orElseThrow());
    }

    @Test
    void createWithThePhoneOfADeletedCustomerReactivatesIt() {
      Customer created = createWithPhone("Gone", 2);
      customers.softDelete(owner, created.id());

      CreateResult again = customers.create(owner, CustomerDraft.named("Back").withPhone(indianMobileSpelled(2, 2)));

      assertFalse(again.isNew());
      assertEquals(created.id(), again.customer().id());
      assertTrue(again.customer().active());
      assertEquals(1, raw().size());
      assertEquals(Boolean.TRUE, raw().get(0).get("isActive"));
    }

    @Test
    void samePhoneInTwoTenantsIsTwoCustomers() {
      CreateResult mine = customers.create(owner, aCustomer().withPhone(indianMobile(3)));
      CreateResult theirs = customers.create(otherOwner, aCustomer().withPhone(indianMobileSpelled(3, 1)));

      assertTrue(mine.isNew());
      assertTrue(theirs.isNew());
      assertNotEquals(mine.customer().id(), theirs.customer().id());
      assertEquals(1, rawStore().customers(tenant).size());
      assertEquals(1, rawStore().customers(otherTenant).size());
    }

    @Test
    void customersWithoutPhoneAreNeverDeduplicated() {
      CreateResult a = customers.create(owner, aCustomer());
      CreateResult b = customers.create(owner, aCustomer());

      assertTrue(a.isNew());
      assertTrue(b.isNew());
      assertNotEquals(a.customer().id(), b.customer().id());
      assertEquals(2, raw().size());
      assertTrue(raw().stream().noneMatch(row -> row.containsKey("phone")));
    }

    @Test
    void namesAreTrimmedAndShortNamesGetTheDefault() {
      assertEquals("Bob", create(CustomerDraft.named("  Bob  ")).name());
      assertEquals("clientCustomer", create(CustomerDraft.named(" A ")).name());
      assertEquals("Jo", create(CustomerDraft.named("Jo")).name());
    }

    @Test
    void aDefaultedNameNeverReplacesAStoredName() {
      Customer ravi = create(CustomerDraft.named("Ravi Kumar").withPhone(indianMobile(13)));

      CreateResult again = customers.create(staff, CustomerDraft.named("R").withPhone(indianMobile(13))
          .withNotes("second visit"));

      assertFalse(again.isNew());
      assertEquals("Ravi Kumar", again.customer().name());
      assertEquals("second visit", again.customer().notes());
      assertEquals("Ravi Kumar", raw().get(0).get("name"));
      assertEquals(ravi.id(), again.customer().id());
      assertEquals("clientCustomer", customers.create(staff, CustomerDraft.named("R")
          .withPhone(indianMobile(14))).customer().name());
    }

    @Test
    void aCreateThatMergesMustStillCarryTheMandatoryFields() {
      TenantId strict = registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN")
          .withMandatoryCustomerFields(CustomerField.TAX_NUMBER));
      Caller caller = new Caller(strict, "u", Set.of(Role.STAFF));
      customers.create(caller, aCustomer().withPhone(indianMobile(15)).withTaxNumber("T-15"));
      List<Map<String, Object>> before = rawStore().customers(strict);

      ValidationException e = assertThrows(ValidationException.class,
          () -> customers.create(caller, CustomerDraft.named("Renamed").withPhone(indianMobile(15))));

      assertEquals(Set.of("taxNumber"), fields(e));
      assertEquals(before, rawStore().customers(strict));
    }

    @Test
    void findOrCreateFindsWithoutAskingForTheTenantsMandatoryFields() {
      TenantId strict = registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN")
          .withMandatoryCustomerFields(CustomerField.CONTACT_EMAIL));
      Caller caller = new Caller(strict, "u", Set.of(Role.STAFF));
      Customer stored = customers.create(caller, aCustomer().withPhone(indianMobile(16))
          .withContactEmail("known@example.com")).customer();

      CreateResult found = customers.findOrCreate(caller, null, CustomerDraft.named("x").withPhone(indianMobile(16)));

      assertEquals(stored, found.customer());
      assertFalse(found.isNew());
      assertEquals(Set.of("contactEmail"), fields(assertThrows(ValidationException.class,
          () -> customers.findOrCreate(caller, null, CustomerDraft.named("New").withPhone(indianMobile(17))))));
      assertEquals(1, rawStore().customers(strict).size());
    }

    @Test
    void findByPhoneAcceptsAnyFormatAndFindsExactlyOne() {
      Customer created = createWithPhone("Phone owner", 4);
      createWithPhone("Someone else", 5);

      for (int spelling = 0; spelling < 5; spelling++) {
        assertEquals(created.id(),
            customers.findByPhone(staff, indianMobileSpelled(4, spelling)).orElseThrow().id());
      }
      assertTrue(customers.findByPhone(staff, indianMobile(6)).isEmpty());
      assertTrue(customers.findByPhone(otherOwner, indianMobile(4)).isEmpty());
    }

    @Test
    void findOrCreateUsesTheGivenIdOrGoesByPhone() {
      Customer existing = create(CustomerDraft.named("Existing").withPhone(indianMobile(7)).withNotes("keep"));

      CreateResult byId = customers.findOrCreate(staff, existing.id(), CustomerDraft.named("Ignored"));
      CreateResult byPhone = customers.findOrCreate(staff, null,
          CustomerDraft.named("Other name").withPhone(indianMobileSpelled(7, 3)).withNotes("overwrite?"));
      CreateResult created = customers.findOrCreate(staff, null, CustomerDraft.named("Walk-in").withPhone(indianMobile(8)));

      assertEquals(existing, byId.customer());
      assertFalse(byId.isNew());
      assertEquals(existing, byPhone.customer(), "find-or-create must not change a found customer");
      assertFalse(byPhone.isNew());
      assertTrue(created.isNew());
      assertEquals("+919876500008", created.customer().phone());
      assertThrows(NotFoundException.class, () -> customers.findOrCreate(staff, UUID.randomUUID(), aCustomer()));
      ValidationException noPhone = assertRefusedUnchanged(ValidationException.class,
          () -> customers.findOrCreate(staff, null, aCustomer()));
      assertEquals(Set.of("phone"), fields(noPhone));
    }

    @Test
    void findOrCreateReactivatesADeletedCustomer() {
      Customer existing = createWithPhone("Existing", 9);
      customers.softDelete(owner, existing.id());

      CreateResult result = customers.findOrCreate(staff, null, CustomerDraft.named("x y").withPhone(indianMobile(9)));

      assertFalse(result.isNew());
      assertEquals(existing.id(), result.customer().id());
      assertTrue(result.customer().active());
      assertEquals("Existing", result.customer().name());
    }
  }

  /** Listing with filters, paging and order. */
  @Nested
  class Listing {

    private Customer asha;
    private Customer bharat;
    private Customer chitra;
    private Customer deleted;

    @BeforeEach
    void createCustomers() {
      asha = create(CustomerDraft.named("Asha Traders").withPhone(indianMobile(10))
          .withContactName("Asha Rao").withContactEmail("Asha@Example.com").withTaxNumber("GST-1"));
      clock.advance(Duration.ofSeconds(1));
      bharat = create(CustomerDraft.named("Bharat Stores").withPhone(indianMobile(11))
          .withContactName("Ravi Kumar").withContactEmail("ravi@example.com").withTaxNumber("GST-2"));
      clock.advance(Duration.ofSeconds(1));
      chitra = create(CustomerDraft.named("Chitra Textiles").withContactName("Chitra Rao")
          .withTaxNumber("GST-1"));
      clock.advance(Duration.ofSeconds(1));
      deleted = create(CustomerDraft.named("Deleted Traders").withPhone(indianMobile(12)).withTaxNumber("GST-1"));
      customers.softDelete(owner, deleted.id());
      customers.create(otherOwner, CustomerDraft.named("Asha Traders").withPhone(indianMobile(10)).withTaxNumber("GST-1"));
    }

    @Test
    void listsActiveCustomersNewestFirstByDefault() {
      Page<Customer> page = customers.list(staff, CustomerFilter.all());

      assertEquals(List.of("Chitra Textiles", "Bharat Stores", "Asha Traders"), names(page));
      assertEquals(3, page.total());
      assertFalse(page.hasNext());
    }

    @Test
    void includesInactiveCustomersWhenAsked() {
      Page<Customer> page = customers.list(staff, CustomerFilter.all().includingInactive());

      assertEquals(List.of("Deleted Traders", "Chitra Textiles", "Bharat Stores", "Asha Traders"), names(page));
    }

    @Test
    void filtersByNameIgnoringCase() {
      assertEquals(List.of("Asha Traders"), names(customers.list(staff, CustomerFilter.all().withName("traders"))));
      assertEquals(List.of("Deleted Traders", "Asha Traders"),
          names(customers.list(staff, CustomerFilter.all().withName("TRADERS").includingInactive())));
    }

    @Test
    void filtersByPhoneInAnyFormat() {
      assertEquals(List.of(bharat.id()), customers.list(staff, CustomerFilter.all()
          .withPhone(indianMobileSpelled(11, 1))).items().stream().map(Customer::id).toList());
    }

    @Test
    void filtersByContactNameIgnoringCase() {
      assertEquals(List.of("Chitra Textiles", "Asha Traders"),
          names(customers.list(staff, CustomerFilter.all().withContactName("rao"))));
    }

    @Test
    void filtersByContactEmailIgnoringCase() {
      assertEquals(List.of("Asha Traders"),
          names(customers.list(staff, CustomerFilter.all().withContactEmail("asha@example.COM"))));
      assertEquals(List.of(), names(customers.list(staff, CustomerFilter.all().withContactEmail("asha@example"))));
    }

    @Test
    void filtersByTaxNumberExactly() {
      assertEquals(List.of("Chitra Textiles", "Asha Traders"),
          names(customers.list(staff, CustomerFilter.all().withTaxNumber("GST-1"))));
      assertEquals(List.of(), names(customers.list(staff, CustomerFilter.all().withTaxNumber("gst-1"))));
      assertEquals(List.of(), names(customers.list(staff, CustomerFilter.all().withTaxNumber("GST"))));
    }

    @Test
    void combinesCriteriaWithAnd() {
      assertEquals(List.of("Asha Traders"), names(customers.list(staff,
          CustomerFilter.all().withContactName("rao").withTaxNumber("GST-1").withName("asha"))));
    }

    @Test
    void pagesThroughResults() {
      Page<Customer> first = customers.list(staff, CustomerFilter.all(), PageRequest.of(0, 2));
      Page<Customer> second = customers.list(staff, CustomerFilter.all(), PageRequest.of(2, 2));
      Page<Customer> beyond = customers.list(staff, CustomerFilter.all(), PageRequest.of(10, 2));

      assertEquals(List.of("Chitra Textiles", "Bharat Stores"), names(first));
      assertTrue(first.hasNext());
      assertEquals(3, first.total());
      assertEquals(List.of("Asha Traders"), names(second));
      assertFalse(second.hasNext());
      assertEquals(List.of(), names(beyond));
      assertEquals(3, beyond.total());
    }

    @Test
    void sortsOldestFirstOrByName() {
      assertEquals(List.of("Asha Traders", "Bharat Stores", "Chitra Textiles"),
          names(customers.list(staff, CustomerFilter.all(), PageRequest.FIRST, CustomerSort.OLDEST_FIRST)));
      Customer zed = create(CustomerDraft.named("Aaron Agencies"));
      assertEquals(List.of(zed.name(), "Asha Traders", "Bharat Stores", "Chitra Textiles"),
          names(customers.list(staff, CustomerFilter.all(), PageRequest.FIRST, CustomerSort.NAME)));
    }

    @Test
    void paginationOrderIsStableForEqualTimestamps() {
      for (int i = 0; i < 7; i++) {
        create(CustomerDraft.named("Same instant " + i));
      }
      List<UUID> seen = new ArrayList<>();
      for (int offset = 0; offset < 7; offset += 3) {
        customers.list(staff, CustomerFilter.all().withName("same instant"), PageRequest.of(offset, 3))
            .items().forEach(c -> seen.add(c.id()));
      }
      assertEquals(7, new HashSet<>(seen).size(), "pages overlapped or skipped: " + seen);
    }

    @Test
    void filterValuesAreLiteralsNotSqlNorMongoOperators() {
      Customer quoted = create(CustomerDraft.named("O'Brien & Sons").withTaxNumber("{\"$ne\": null}"));
      List<String> hostile = List.of("'", "' OR '1'='1", "'; DROP TABLE ledgerkit_customer; --",
          "%", "_", "\\", ".*", "{\"$ne\": null}", "{\"$gt\": \"\"}", "$where", "[a-z]+");

      for (String value : hostile) {
        for (CustomerFilter filter : List.of(CustomerFilter.all().withName(value),
            CustomerFilter.all().withContactName(value), CustomerFilter.all().withContactEmail(value),
            CustomerFilter.all().withTaxNumber(value))) {
          List<Customer> found = customers.list(staff, filter.includingInactive()).items();
          assertTrue(found.stream().allMatch(c -> c.id().equals(quoted.id())),
              "filter " + filter + " matched more than the literal: " + found);
        }
      }
      assertEquals(List.of(quoted.id()), customers.list(staff, CustomerFilter.all().withName("o'brien"))
          .items().stream().map(Customer::id).toList());
      assertEquals(List.of(quoted.id()), customers.list(staff, CustomerFilter.all()
          .withTaxNumber("{\"$ne\": null}")).items().stream().map(Customer::id).toList());
      assertEquals(5, raw().size(), "the store must still hold every customer");
    }

    @Test
    void anInvalidPhoneFilterIsAValidationError() {
      ValidationException e = assertThrows(ValidationException.class,
          () -> customers.list(staff, CustomerFilter.all().withPhone("not a phone")));
      assertEquals(Set.of("phone"), fields(e));
    }
  }

  /** Updates, soft delete, restore and purge of one customer. */
  @Nested
  class Changing {

    @Test
    void updateChangesOnlyTheGivenFieldsAndBumpsTheVersion() {
      Customer created = create(aCustomer().withPhone(indianMobile(20)).withContactEmail("old@example.com")
          .withAddress("Somewhere").withNotes("note"));
      clock.advance(Duration.ofMinutes(5));

      Customer updated = customers.update(staff, created.id(), CustomerPatch.builder()
          .contactEmail("new@example.com").address(null).build());

      assertAll(
          () -> assertEquals("new@example.com", updated.contactEmail()),
          () -> assertEquals(null, updated.address()),
          () -> assertEquals(created.name(), updated.name()),
          () -> assertEquals(created.phone(), updated.phone()),
          () -> assertEquals("note", updated.notes()),
          () -> assertEquals(2, updated.version()),
          () -> assertEquals(created.createdAt(), updated.createdAt()),
          () -> assertEquals(created.createdAt().plus(Duration.ofMinutes(5)), updated.updatedAt()));
      assertEquals(updated, customers.findById(staff, created.id()).orElseThrow());
      Map<String, Object> row = raw().get(0);
      assertEquals(2L, row.get("version"));
      assertFalse(row.containsKey("address"));
    }

    @Test
    void updateNormalizesANewPhone() {
      Customer created = createWithPhone("Mover", 21);

      Customer updated = customers.update(staff, created.id(),
          CustomerPatch.builder().phone(indianMobileSpelled(22, 1)).build());

      assertEquals(indianMobile(22), updated.phone());
      assertEquals(created.id(), customers.findByPhone(staff, indianMobile(22)).orElseThrow().id());
      assertTrue(customers.findByPhone(staff, indianMobile(21)).isEmpty());
    }

    @Test
    void updateToAPhoneOfAnotherCustomerIsAConflict() {
      createWithPhone("Holder", 23);
      Customer other = createWithPhone("Other", 24);

      assertRefusedUnchanged(ConflictException.class, () -> customers.update(staff, other.id(),
          CustomerPatch.builder().phone(indianMobileSpelled(23, 2)).build()));
    }

    @Test
    void updateExpectingAnOldVersionIsAConflict() {
      Customer created = createWithPhone("Versioned", 25);
      customers.update(staff, created.id(), CustomerPatch.builder().notes("v2").build());

      assertRefusedUnchanged(ConflictException.class, () -> customers.update(staff, created.id(),
          CustomerPatch.builder().notes("stale").expectVersion(1).build()));
      assertEquals(3, customers.update(staff, created.id(),
          CustomerPatch.builder().notes("v3").expectVersion(2).build()).version());
    }

    @Test
    void anEmptyPatchIsRefused() {
      Customer created = create(aCustomer());

      assertEquals(Set.of("patch"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.update(staff, created.id(), CustomerPatch.builder().build()))));
    }

    @Test
    void theNameCannotBeCleared() {
      Customer created = create(aCustomer());

      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> customers.update(staff, created.id(), CustomerPatch.builder().name(null).build()));
      assertEquals(Set.of("name"), fields(e));
    }

    @Test
    void softDeleteHidesAndRestoreBringsBack() {
      Customer created = createWithPhone("Hidden", 26);

      Customer gone = customers.softDelete(owner, created.id());
      assertFalse(gone.active());
      assertEquals(2, gone.version());
      assertEquals(gone, customers.softDelete(owner, created.id()), "deleting twice changes nothing");
      assertEquals(List.of(), customers.list(staff, CustomerFilter.all()).items());
      assertEquals(Boolean.FALSE, raw().get(0).get("isActive"));
      assertEquals(gone, customers.findById(staff, created.id()).orElseThrow());

      Customer back = customers.restore(owner, created.id());
      assertTrue(back.active());
      assertEquals(3, back.version());
      assertEquals(List.of(created.id()), customers.list(staff, CustomerFilter.all()).items().stream()
          .map(Customer::id).toList());
    }

    @Test
    void purgeErasesForGoodAndFreesThePhone() {
      Customer created = createWithPhone("Forget me", 27);

      customers.purge(new Caller(tenant, "admin", Set.of(Role.ADMIN)), created.id());

      assertEquals(List.of(), raw());
      assertTrue(customers.findById(owner, created.id()).isEmpty());
      assertThrows(NotFoundException.class, () -> customers.purge(owner, created.id()));
      assertTrue(customers.create(owner, CustomerDraft.named("New").withPhone(indianMobile(27))).isNew());
    }

    @Test
    void concurrentUpdatesExpectingTheSameVersionHaveOneWinner() throws Exception {
      Customer created = createWithPhone("Contended", 28);
      int threads = 8;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          String note = "writer " + i;
          outcomes.add(pool.submit(() -> {
            start.await();
            try {
              customers.update(staff, created.id(), CustomerPatch.builder().notes(note).expectVersion(1).build());
              return true;
            } catch (ConflictException lost) {
              return false;
            }
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> outcome : outcomes) {
          winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, winners);
        assertEquals(2L, raw().get(0).get("version"));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Bulk and by-query operations. */
  @Nested
  class Bulk {

    @Test
    void bulkCreateDeduplicatesInsideTheBatchAndAgainstTheStore() {
      Customer stored = createWithPhone("Already here", 30);

      List<CreateResult> results = customers.bulkCreate(system, List.of(
          CustomerDraft.named("First").withPhone(indianMobileSpelled(31, 0)),
          CustomerDraft.named("Second").withPhone(indianMobileSpelled(32, 1)),
          CustomerDraft.named("First again").withPhone(indianMobileSpelled(31, 2)),
          CustomerDraft.named("No phone"),
          CustomerDraft.named("Stored again").withPhone(indianMobileSpelled(30, 3))));

      assertEquals(5, results.size());
      assertEquals(List.of(true, true, false, true, false), results.stream().map(CreateResult::isNew).toList());
      assertEquals(results.get(0).customer().id(), results.get(2).customer().id());
      assertEquals("First again", results.get(2).customer().name());
      assertEquals(stored.id(), results.get(4).customer().id());
      assertEquals(List.of("First", "Second", "First again", "No phone", "Stored again"),
          results.stream().map(r -> r.customer().name()).toList());
      assertEquals(4, raw().size());
    }

    @Test
    void bulkCreateMergesRepeatedPhonesInInputOrderAsSingleCreatesWould() {
      Customer stored = create(CustomerDraft.named("Stored").withPhone(indianMobile(34))
          .withNotes("kept").withTaxNumber("T1"));
      clock.advance(Duration.ofSeconds(1));

      List<CreateResult> results = customers.bulkCreate(system, List.of(
          CustomerDraft.named("Renamed").withPhone(indianMobileSpelled(34, 1)).withAddress("A1"),
          CustomerDraft.named("New one").withPhone(indianMobile(35)).withContactName("C1"),
          CustomerDraft.named("x").withPhone(indianMobileSpelled(34, 2)).withTaxNumber("T2"),
          CustomerDraft.named("y").withPhone(indianMobileSpelled(35, 3)).withNotes("N2"),
          CustomerDraft.named("Last").withPhone(indianMobileSpelled(34, 4))));

      Customer first = results.get(0).customer();
      assertFalse(results.get(0).isNew());
      assertEquals(List.of(stored.id(), "Renamed", "A1", "T1", "kept", stored.createdAt(),
          START.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS)), List.of(first.id(), first.name(),
          first.address(), first.taxNumber(), first.notes(), first.createdAt(), first.updatedAt()));
      assertEquals(List.of(2L, 3L, 4L), List.of(results.get(0).customer().version(),
          results.get(2).customer().version(), results.get(4).customer().version()));
      Customer last = results.get(4).customer();
      assertEquals(List.of("Last", "A1", "T2", "kept"),
          List.of(last.name(), last.address(), last.taxNumber(), last.notes()));
      assertEquals("Renamed", results.get(2).customer().name(), "a defaulted name keeps the name");
      assertTrue(results.get(1).isNew());
      assertFalse(results.get(3).isNew());
      assertEquals(List.of("New one", "C1", "N2", 2L), List.of(results.get(3).customer().name(),
          results.get(3).customer().contactName(), results.get(3).customer().notes(),
          results.get(3).customer().version()));
      assertEquals(last, customers.findById(owner, stored.id()).orElseThrow());
      assertEquals(results.get(3).customer(),
          customers.findById(owner, results.get(1).customer().id()).orElseThrow());
      assertEquals(2, raw().size());
    }

    @Test
    void aStreamIsCreatedInCallsOfMaxBatchWithResultsInInputOrder() {
      int drafts = CustomerService.MAX_BATCH * 2 + 500;
      List<CreateResult> results = new ArrayList<>();
      long written = customers.bulkCreate(system, java.util.stream.IntStream.range(0, drafts)
          .mapToObj(i -> CustomerDraft.named("Streamed " + i).withPhone(indianMobileSpelled(i % 1_700, i))),
          results::add);

      assertEquals(drafts, written);
      assertEquals(drafts, results.size());
      for (int i = 0; i < drafts; i++) {
        assertEquals("Streamed " + i, results.get(i).customer().name());
        assertEquals(i < 1_700, results.get(i).isNew(), "draft " + i);
      }
      assertEquals(1_700, raw().size());

      ValidationException first = assertRefusedUnchanged(ValidationException.class,
          () -> customers.bulkCreate(system, streamWithABadPhoneAt(234, drafts), result -> { }));
      assertEquals(Set.of("items[234].phone"), fields(first));
      ValidationException later = assertThrows(ValidationException.class,
          () -> customers.bulkCreate(system, streamWithABadPhoneAt(1_234, drafts), result -> { }));
      assertEquals(Set.of("items[1234].phone"), fields(later));
      assertEquals(1_700 + CustomerService.MAX_BATCH, raw().size(), "the calls before it are written");
    }

    private java.util.stream.Stream<CustomerDraft> streamWithABadPhoneAt(int bad, int drafts) {
      return java.util.stream.IntStream.range(0, drafts).mapToObj(i -> i == bad
          ? CustomerDraft.named("Bad").withPhone("not a phone")
          : CustomerDraft.named("Again " + i).withPhone(indianMobile(50_000 + i)));
    }

    @Test
    void bulkCreateWithAnInvalidItemWritesNothing() {
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> customers.bulkCreate(system, List.of(
              CustomerDraft.named("Fine").withPhone(indianMobile(33)),
              CustomerDraft.named("Bad mail").withContactEmail("not-an-email"),
              CustomerDraft.named(" ").withPhone("12"))));

      assertEquals(Set.of("items[1].contactEmail", "items[2].name", "items[2].phone"), fields(e));
      assertEquals(List.of(), raw());
    }

    @Test
    void bulkCreateTakesAtMostMaxBatchItems() {
      List<CustomerDraft> drafts = Collections.nCopies(CustomerService.MAX_BATCH + 1, aCustomer());

      assertEquals(Set.of("items"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.bulkCreate(system, drafts))));
      assertEquals(Set.of("items"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.bulkCreate(system, List.of()))));
    }

    @Test
    void aBulkUpdateWhoseResultIsInvalidForOneCustomerChangesNone() {
      Customer complete = create(aCustomer().withPhone(indianMobile(39)).withAddress("Known address"));
      Customer incomplete = create(aCustomer().withPhone(indianMobile(49)));
      ledgerkit.tenants().updateSettings(owner, TenantSettings.defaults().withDefaultPhoneRegion("IN")
          .withMandatoryCustomerFields(CustomerField.ADDRESS));

      ValidationException e = assertRefusedUnchanged(ValidationException.class, () -> customers.updateByIds(
          system, List.of(complete.id(), incomplete.id()), CustomerPatch.builder().notes("bulk").build()));

      assertEquals(Set.of("customers[" + incomplete.id() + "].address"), fields(e));
    }

    @Test
    void updateByIdsChangesOnlyTheCallersCustomers() {
      Customer a = createWithPhone("A one", 34);
      Customer b = createWithPhone("B two", 35);
      Customer untouched = createWithPhone("C three", 36);
      Customer foreign = customers.create(otherOwner, CustomerDraft.named("Foreign").withPhone(indianMobile(34))).customer();
      List<Map<String, Object>> foreignBefore = rawStore().customers(otherTenant);

      List<Customer> changed = customers.updateByIds(system, List.of(a.id(), foreign.id(), b.id()),
          CustomerPatch.builder().notes("bulk").build());

      assertEquals(List.of(a.id(), b.id()), changed.stream().map(Customer::id).toList());
      assertTrue(changed.stream().allMatch(c -> "bulk".equals(c.notes()) && c.version() == 2));
      assertEquals(null, customers.findById(owner, untouched.id()).orElseThrow().notes());
      assertEquals(foreignBefore, rawStore().customers(otherTenant));
    }

    @Test
    void bulkUpdatesMayNotSetAPhone() {
      Customer a = createWithPhone("A one", 37);

      ValidationException e = assertRefusedUnchanged(ValidationException.class, () -> customers.updateByIds(
          system, List.of(a.id()), CustomerPatch.builder().phone(indianMobile(38)).build()));
      assertEquals(Set.of("patch.phone"), fields(e));
    }

    @Test
    void updateByQueryChangesEveryMatch() {
      create(CustomerDraft.named("Tax one").withTaxNumber("T-1"));
      create(CustomerDraft.named("Tax one too").withTaxNumber("T-1"));
      Customer other = create(CustomerDraft.named("Tax two").withTaxNumber("T-2"));
      customers.create(otherOwner, CustomerDraft.named("Foreign").withTaxNumber("T-1"));
      List<Map<String, Object>> foreignBefore = rawStore().customers(otherTenant);

      List<Customer> changed = customers.updateByQuery(system, CustomerFilter.all().withTaxNumber("T-1"),
          CustomerPatch.builder().contactName("Accounts").build());

      assertEquals(2, changed.size());
      assertEquals(List.of("Tax one", "Tax one too"), names(customers.list(staff,
          CustomerFilter.all().withContactName("accounts"), PageRequest.FIRST, CustomerSort.NAME)));
      assertEquals(null, customers.findById(owner, other.id()).orElseThrow().contactName());
      assertEquals(foreignBefore, rawStore().customers(otherTenant));
    }

    @Test
    void byQueryOperationsRefuseAnEmptyQuery() {
      create(aCustomer());
      CustomerPatch patch = CustomerPatch.builder().notes("all").build();

      for (CustomerFilter empty : List.of(CustomerFilter.all(), CustomerFilter.all().includingInactive(),
          CustomerFilter.all().withName("   "))) {
        assertEquals(Set.of("filter"), fields(assertRefusedUnchanged(ValidationException.class,
            () -> customers.updateByQuery(system, empty, patch))));
        assertEquals(Set.of("filter"), fields(assertRefusedUnchanged(ValidationException.class,
            () -> customers.deleteByQuery(system, empty))));
      }
    }

    @Test
    void deleteByIdsAndByQuerySoftDelete() {
      Customer a = create(CustomerDraft.named("Delete me 1").withTaxNumber("D"));
      Customer b = create(CustomerDraft.named("Delete me 2").withTaxNumber("D"));
      Customer c = create(CustomerDraft.named("Keep me").withTaxNumber("K"));

      assertEquals(List.of(a.id()), customers.deleteByIds(system, List.of(a.id(), UUID.randomUUID()))
          .stream().map(Customer::id).toList());
      assertEquals(List.of(b.id()), customers.deleteByQuery(system,
          CustomerFilter.all().withTaxNumber("D").includingInactive()).stream().map(Customer::id).toList());

      assertEquals(List.of(c.id()), customers.list(staff, CustomerFilter.all()).items().stream()
          .map(Customer::id).toList());
      assertEquals(3, raw().size());
    }

    @Test
    void idListsMustBeNonEmptyAndBounded() {
      CustomerPatch patch = CustomerPatch.builder().notes("x").build();
      assertRefusedUnchanged(ValidationException.class, () -> customers.updateByIds(system, List.of(), patch));
      assertRefusedUnchanged(ValidationException.class, () -> customers.deleteByIds(system, List.of()));
      List<UUID> tooMany = new ArrayList<>();
      for (int i = 0; i <= CustomerService.MAX_BATCH; i++) {
        tooMany.add(UUID.randomUUID());
      }
      assertRefusedUnchanged(ValidationException.class, () -> customers.deleteByIds(system, tooMany));
    }
  }

  /** A record of another tenant does not exist for the caller. */
  @Nested
  class TenantIsolation {

    @Test
    void everyByIdOperationOnAnotherTenantsCustomerAnswersNotFoundAndChangesNothing() {
      Customer foreign = customers.create(otherOwner, CustomerDraft.named("Foreign").withPhone(indianMobile(40))
          .withTaxNumber("ISO")).customer();
      UUID id = foreign.id();
      CustomerPatch patch = CustomerPatch.builder().notes("hijack").build();

      assertTrue(customers.findById(owner, id).isEmpty());
      assertTrue(customers.findByPhone(owner, indianMobile(40)).isEmpty());
      assertRefusedUnchanged(NotFoundException.class, () -> customers.update(owner, id, patch));
      assertRefusedUnchanged(NotFoundException.class, () -> customers.softDelete(owner, id));
      assertRefusedUnchanged(NotFoundException.class, () -> customers.restore(owner, id));
      assertRefusedUnchanged(NotFoundException.class, () -> customers.purge(owner, id));
      assertRefusedUnchanged(NotFoundException.class, () -> customers.findOrCreate(owner, id, aCustomer()));
      List<Map<String, Object>> before = rawStore().customers(otherTenant);
      assertEquals(List.of(), customers.updateByIds(owner, List.of(id), patch));
      assertEquals(List.of(), customers.deleteByIds(owner, List.of(id)));
      assertEquals(List.of(), customers.updateByQuery(owner, CustomerFilter.all().withTaxNumber("ISO"), patch));
      assertEquals(List.of(), customers.deleteByQuery(owner, CustomerFilter.all().withName("Foreign")));
      assertEquals(List.of(), customers.list(owner, CustomerFilter.all().includingInactive()).items());
      assertEquals(before, rawStore().customers(otherTenant));
      assertEquals(List.of(), raw(), "nothing may have been written to the caller's tenant");
    }

    @Test
    void aTenantIsConstant() {
      Customer mine = createWithPhone("Mine", 41);
      Customer updated = customers.update(owner, mine.id(), CustomerPatch.builder().name("Still mine").build());

      assertEquals(tenant, updated.tenant());
      assertEquals(tenant.value(), raw().get(0).get("tenantId"));
    }
  }

  /** Bad input gets a typed, field-level error and leaves the store unchanged. */
  @Nested
  class BadInput {

    @Test
    void aMissingOrBlankTenantIsRefused() {
      for (String missing : new String[] {null, "", "   "}) {
        ValidationException e = assertThrows(ValidationException.class,
            () -> Caller.of(missing, "user", Role.OWNER));
        assertEquals(Set.of("tenant"), fields(e));
      }
    }

    @Test
    void anUnknownTenantIsRefused() {
      TenantId unknown = TenantId.of("never-registered-" + UUID.randomUUID());
      Caller stranger = new Caller(unknown, "u", Set.of(Role.OWNER));

      UnknownTenantException e = assertThrows(UnknownTenantException.class,
          () -> customers.create(stranger, aCustomer().withPhone(indianMobile(50))));
      assertEquals(unknown, e.tenant());
      assertThrows(UnknownTenantException.class, () -> customers.list(stranger, CustomerFilter.all()));
      UUID id = UUID.randomUUID();
      CustomerPatch patch = CustomerPatch.builder().notes("x").build();
      List<Executable> operations = List.of(
          () -> customers.findById(stranger, id),
          () -> customers.findByPhone(stranger, indianMobile(50)),
          () -> customers.update(stranger, id, patch),
          () -> customers.softDelete(stranger, id),
          () -> customers.restore(stranger, id),
          () -> customers.purge(stranger, id),
          () -> customers.findOrCreate(stranger, null, aCustomer().withPhone(indianMobile(50))),
          () -> customers.bulkCreate(stranger, List.of(aCustomer())),
          () -> customers.updateByIds(stranger, List.of(id), patch),
          () -> customers.updateByQuery(stranger, CustomerFilter.all().withName("x"), patch),
          () -> customers.deleteByIds(stranger, List.of(id)),
          () -> customers.deleteByQuery(stranger, CustomerFilter.all().withName("x")),
          () -> ledgerkit.tenants().updateSettings(stranger, TenantSettings.defaults()));
      for (Executable operation : operations) {
        assertThrows(UnknownTenantException.class, operation);
      }
      assertEquals(List.of(), rawStore().customers(unknown));
    }

    @Test
    void aBlankNameIsRefused() {
      for (String blank : new String[] {null, "", "  \t "}) {
        ValidationException e = assertRefusedUnchanged(ValidationException.class,
            () -> customers.create(owner, CustomerDraft.named(blank).withPhone(indianMobile(51))));
        assertEquals(Set.of("name"), fields(e));
      }
    }

    @Test
    void aNameOfUnicodeSpacesIsBlank() {
      assertEquals(Set.of("name"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, CustomerDraft.named("\u00a0\u2003\u00a0")))));
      assertEquals("Asha", create(CustomerDraft.named("\u00a0Asha\u00a0")).name());
    }

    @Test
    void aPhoneWithAnExtensionIsRefused() {
      assertEquals(Set.of("phone"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, aCustomer().withPhone("+91 98765 43211 ext. 12")))));
    }

    @Test
    void tooLongValuesAreRefused() {
      String longName = "n".repeat(300);
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, CustomerDraft.named(longName)));
      assertEquals(List.of(new FieldError("name", FieldError.TOO_LONG, "at most 255 characters")), e.errors());
      assertEquals(Set.of("notes"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, aCustomer().withNotes("x".repeat(10_001))))));
      assertEquals("x".repeat(10_000), create(aCustomer().withNotes("x".repeat(10_000))).notes());
    }

    @Test
    void anInvalidEmailIsRefused() {
      for (String email : new String[] {"plainaddress", "a@b", "a b@example.com", "@example.com", "a@@example.com"}) {
        ValidationException e = assertRefusedUnchanged(ValidationException.class,
            () -> customers.create(owner, aCustomer().withContactEmail(email)));
        assertEquals(Set.of("contactEmail"), fields(e), email);
      }
    }

    @Test
    void anUnparseablePhoneIsRefused() {
      for (String phone : new String[] {"not-a-phone", "12", "+", "+91 12345", "98765432101234567"}) {
        ValidationException e = assertRefusedUnchanged(ValidationException.class,
            () -> customers.create(owner, aCustomer().withPhone(phone)));
        assertEquals(Set.of("phone"), fields(e), phone);
      }
    }

    @Test
    void aForeignNumberWithoutLeadingPlusIsRefused() {
      ValidationException e = assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, aCustomer().withPhone("030 1234567")));
      assertEquals(Set.of("phone"), fields(e));
      assertEquals("+49301234567",
          customers.create(owner, aCustomer().withPhone("+49 30 1234567")).customer().phone());
    }

    @Test
    void withoutADefaultRegionEveryPhoneNeedsAPlus() {
      TenantId noRegion = registerTenant(TenantSettings.defaults());
      Caller caller = new Caller(noRegion, "u", Set.of(Role.OWNER));

      ValidationException e = assertThrows(ValidationException.class,
          () -> customers.create(caller, aCustomer().withPhone("9876543210")));
      assertEquals(Set.of("phone"), fields(e));
      assertEquals(List.of(), rawStore().customers(noRegion));
      assertEquals("+919876543210", customers.create(caller, aCustomer().withPhone("+91 98765 43210")).customer().phone());
    }

    @Test
    void mandatoryFieldsOfTheTenantAreEnforcedOnCreateAndUpdate() {
      TenantId strict = registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN")
          .withMandatoryCustomerFields(CustomerField.ADDRESS, CustomerField.CONTACT_EMAIL, CustomerField.TAX_NUMBER));
      Caller caller = new Caller(strict, "u", Set.of(Role.STAFF));

      ValidationException e = assertThrows(ValidationException.class,
          () -> customers.create(caller, aCustomer().withPhone(indianMobile(52)).withAddress("  ")));
      assertEquals(Set.of("address", "contactEmail", "taxNumber"), fields(e));
      assertTrue(e.errors().stream().allMatch(error -> error.code().equals(FieldError.REQUIRED)));
      assertEquals(List.of(), rawStore().customers(strict));

      Customer complete = customers.create(caller, aCustomer().withPhone(indianMobile(52)).withAddress("Addr")
          .withContactEmail("x@example.com").withTaxNumber("T")).customer();
      List<Map<String, Object>> before = rawStore().customers(strict);
      ValidationException cleared = assertThrows(ValidationException.class, () -> customers.update(caller,
          complete.id(), CustomerPatch.builder().taxNumber("").build()));
      assertEquals(Set.of("taxNumber"), fields(cleared));
      assertEquals(before, rawStore().customers(strict));
    }

    @Test
    void everyFailingFieldIsReportedAtOnce() {
      ValidationException e = assertRefusedUnchanged(ValidationException.class, () -> customers.create(owner,
          CustomerDraft.named("x".repeat(256)).withPhone("nope").withContactEmail("bad").withAddress("ok")
              .withContactName("bell\u0007")));

      assertEquals(Set.of("name", "phone", "contactEmail", "contactName"), fields(e));
    }

    @Test
    void controlCharactersAreRefusedButLineBreaksInTextFieldsAreKept() {
      assertEquals(Set.of("name"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(owner, CustomerDraft.named("Nul\u0000Byte")))));
      assertEquals("line 1\nline 2\ttab", create(aCustomer().withAddress("line 1\nline 2\ttab")).address());
    }

    @Test
    void missingArgumentsAreValidationErrorsNotNullPointers() {
      assertRefusedUnchanged(ValidationException.class, () -> customers.create(owner, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.create(null, aCustomer()));
      assertRefusedUnchanged(ValidationException.class, () -> customers.update(owner, null, CustomerPatch.builder().build()));
      assertRefusedUnchanged(ValidationException.class, () -> customers.findById(owner, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.findByPhone(owner, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.list(owner, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.bulkCreate(system, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.updateByIds(system, null, CustomerPatch.builder().build()));
      assertRefusedUnchanged(ValidationException.class, () -> customers.deleteByQuery(system, null));
      assertRefusedUnchanged(ValidationException.class, () -> customers.bulkCreate(system, Collections.singletonList(null)));
    }
  }

  /** Hostile text: aliasing tenant ids, malformed Unicode, hidden characters, phones, exceptions. */
  @Nested
  class TextInput extends TextInputCases {
    @Override
    CustomerContractTest contract() {
      return CustomerContractTest.this;
    }
  }

  /** The default access policy, and replacing it. */
  @Nested
  class Access {

    @Test
    void staffCannotDeleteOrPurgeAndMembersCannotRead() {
      Customer created = createWithPhone("Protected", 60);
      Caller member = new Caller(tenant, "member", Set.of(Role.MEMBER));

      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.softDelete(staff, created.id()));
      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.purge(staff, created.id()));
      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.purge(system, created.id()));
      assertRefusedUnchanged(AccessDeniedException.class,
          () -> customers.deleteByIds(staff, List.of(created.id())));
      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.findById(member, created.id()));
      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.create(member, aCustomer()));
      assertRefusedUnchanged(AccessDeniedException.class, () -> customers.create(
          new Caller(tenant, "nobody", Set.of()), aCustomer()));
    }

    @Test
    void aReplacedPolicyDecides() {
      Ledgerkit readOnly = Ledgerkit.builder().persistence(adapter()).clock(clock)
          .accessPolicy((caller, permission) -> permission == io.ledgerkit.tenant.Permission.CUSTOMER_READ)
          .build();
      Customer created = createWithPhone("Visible", 61);

      assertEquals(created, readOnly.customers().findById(owner, created.id()).orElseThrow());
      assertRefusedUnchanged(AccessDeniedException.class, () -> readOnly.customers().create(owner, aCustomer()));
    }
  }

  /** Tenant registration and settings, as stored by the adapter. */
  @Nested
  class Tenants {

    @Test
    void registeredSettingsRoundTrip() {
      TenantSettings settings = TenantSettings.defaults().withDefaultPhoneRegion("DE")
          .withMandatoryCustomerFields(CustomerField.TAX_NUMBER, CustomerField.ADDRESS)
          .withAllowNegativeStock(true);
      TenantId id = registerTenant(settings);

      Tenant stored = ledgerkit.tenants().find(id).orElseThrow();
      assertEquals(settings, stored.settings());
      assertEquals(1, stored.version());
      assertEquals(START.truncatedTo(ChronoUnit.MILLIS), stored.createdAt());
      assertEquals(TenantSettings.defaults(), ledgerkit.tenants().find(registerTenant(TenantSettings.defaults()))
          .orElseThrow().settings());
      assertTrue(ledgerkit.tenants().find(TenantId.of("never-" + UUID.randomUUID())).isEmpty());
    }

    @Test
    void registeringTwiceIsAConflict() {
      ConflictException e = assertThrows(ConflictException.class,
          () -> ledgerkit.tenants().register(tenant, TenantSettings.defaults()));
      assertEquals(tenant, e.tenant());
      assertEquals("IN", ledgerkit.tenants().find(tenant).orElseThrow().settings().defaultPhoneRegion());
    }

    @Test
    void changedSettingsApplyToLaterOperations() {
      clock.advance(Duration.ofHours(1));
      Tenant changed = ledgerkit.tenants().updateSettings(owner, TenantSettings.defaults()
          .withDefaultPhoneRegion("IN").withMandatoryCustomerFields(CustomerField.CONTACT_EMAIL));

      assertEquals(2, changed.version());
      assertEquals(changed, ledgerkit.tenants().find(tenant).orElseThrow());
      assertEquals(Set.of("contactEmail"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> customers.create(staff, aCustomer()))));
      assertThrows(AccessDeniedException.class,
          () -> ledgerkit.tenants().updateSettings(staff, TenantSettings.defaults()));
      assertThrows(AccessDeniedException.class,
          () -> ledgerkit.tenants().updateSettings(system, TenantSettings.defaults()));
      assertEquals(changed, ledgerkit.tenants().find(tenant).orElseThrow());
    }

    @Test
    void aSettingsChangeThroughOneInstanceIsObeyedByTheNextWriteThroughAnother() {
      Ledgerkit other = Ledgerkit.builder().persistence(adapter()).clock(clock)
          .settingsMaxAge(Duration.ofHours(1)).build();
      Customer known = other.customers().create(staff, aCustomer().withPhone(indianMobile(80))).customer();
      assertEquals(known, other.customers().findById(staff, known.id()).orElseThrow());

      ledgerkit.tenants().updateSettings(owner, TenantSettings.defaults().withDefaultPhoneRegion("DE")
          .withMandatoryCustomerFields(CustomerField.TAX_NUMBER));

      CustomerService stale = other.customers();
      assertEquals(Set.of("taxNumber"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> stale.create(staff, aCustomer().withPhone("+49 30 1234567")))));
      assertEquals(Set.of("items[0].taxNumber"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> stale.bulkCreate(system, List.of(aCustomer().withPhone("+49 30 1234568"))))));
      assertEquals(Set.of("taxNumber"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> stale.findOrCreate(staff, null, aCustomer().withPhone("+49 30 1234569")))));
      assertEquals(Set.of("taxNumber"), fields(assertRefusedUnchanged(ValidationException.class,
          () -> stale.update(staff, known.id(), CustomerPatch.builder().notes("n").build()))));
      assertEquals(Set.of("customers[" + known.id() + "].taxNumber"), fields(assertRefusedUnchanged(
          ValidationException.class, () -> stale.updateByIds(system, List.of(known.id()),
              CustomerPatch.builder().notes("n").build()))));

      Customer german = stale.create(staff, aCustomer().withPhone("030 1234567").withTaxNumber("DE1"))
          .customer();
      assertEquals("+49301234567", german.phone(), "the new phone region applies too");
    }
  }

  /** Concurrency against the real store with real threads. */
  @Nested
  class Concurrency {

    /** Writer threads in the dedup test. */
    static final int THREADS = 8;
    /** Creates per thread. */
    static final int CREATES_PER_THREAD = 2_000;
    /** Distinct phones all threads write. */
    static final int PHONES = 500;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentFindOrCreatesOfANewPhoneCreateOneCustomerAndNeverChangeIt() throws Exception {
      List<CreateResult> results = race(THREADS, thread -> customers.findOrCreate(staff, null,
          CustomerDraft.named("Racer " + thread).withPhone(indianMobileSpelled(70, thread))));

      List<CreateResult> created = results.stream().filter(CreateResult::isNew).toList();
      assertEquals(1, created.size(), "exactly one find-or-create creates");
      Customer winner = created.get(0).customer();
      assertTrue(results.stream().allMatch(r -> r.customer().equals(winner)),
          "every caller gets the winner unchanged: " + results);
      assertEquals(1, raw().size());
      assertEquals(1L, raw().get(0).get("version"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentUpdatesOfDifferentFieldsLoseNoUpdate() throws Exception {
      Customer created = createWithPhone("Busy", 71);
      int writers = 4;
      int updatesEach = 30;
      List<Map<String, String>> lastWritten = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        lastWritten.add(new ConcurrentHashMap<>());
      }
      AtomicInteger successes = new AtomicInteger();
      race(writers, writer -> {
        for (int k = 0; k < updatesEach; k++) {
          String value = "writer " + writer + " update " + k;
          CustomerPatch.Builder patch = CustomerPatch.builder();
          switch (writer) {
            case 0 -> patch.notes(value);
            case 1 -> patch.contactName(value);
            case 2 -> patch.address(value);
            default -> patch.taxNumber(value);
          }
          try {
            customers.update(staff, created.id(), patch.build());
            successes.incrementAndGet();
            lastWritten.get(writer).put("value", value);
          } catch (ConflictException gaveUp) {
            // A typed, retryable outcome after many lost races; the write did not happen.
          }
        }
        return null;
      });

      Customer last = customers.findById(staff, created.id()).orElseThrow();
      assertTrue(successes.get() > 0);
      assertEquals(1L + successes.get(), last.version(), "every successful update counts once");
      assertEquals(lastWritten.get(0).get("value"), last.notes());
      assertEquals(lastWritten.get(1).get("value"), last.contactName());
      assertEquals(lastWritten.get(2).get("value"), last.address());
      assertEquals(lastWritten.get(3).get("value"), last.taxNumber());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void concurrentCreatesInMixedFormatsNeverDuplicateAPhone() throws Exception {
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      Map<String, UUID> idByPhone = new ConcurrentHashMap<>();
      AtomicInteger created = new AtomicInteger();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          writers.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < CREATES_PER_THREAD; i++) {
              int phone = (i * 7 + thread * 131) % PHONES;
              try {
                CreateResult result = customers.create(staff, CustomerDraft.named("Writer " + thread)
                    .withPhone(indianMobileSpelled(phone, i + thread)));
                if (result.isNew()) {
                  created.incrementAndGet();
                }
                UUID previous = idByPhone.putIfAbsent(result.customer().phone(), result.customer().id());
                if (previous != null && !previous.equals(result.customer().id())) {
                  failures.add(new AssertionError("two ids for " + result.customer().phone()));
                }
              } catch (RuntimeException e) {
                failures.add(e);
              }
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }

      List<Throwable> untyped = failures.stream().filter(f -> !(f instanceof LedgerkitException)).toList();
      assertEquals(List.of(), untyped, "untyped errors reached the caller");
      assertEquals(List.of(), failures, "creates failed");
      assertEquals(PHONES, created.get(), "exactly one create per phone reports isNew");
      List<Map<String, Object>> raw = raw();
      assertEquals(PHONES, raw.size());
      assertEquals(PHONES, raw.stream().map(row -> row.get("phone")).distinct().count());
      long versions = raw.stream().mapToLong(row -> (Long) row.get("version")).sum();
      assertEquals((long) THREADS * CREATES_PER_THREAD, versions, "every create must count once");
    }
  }
}
