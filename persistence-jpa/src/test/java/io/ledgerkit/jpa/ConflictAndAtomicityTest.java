package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Unique violations become conflicts, other failures storage errors, and nothing half-written. */
class ConflictAndAtomicityTest {

  private final JpaPersistence persistence = TestDatabase.persistence();
  private final CustomerRepository customers = persistence.customers();
  private final JdbcRawStore raw = TestDatabase.rawStore();
  private final TenantId tenant = aTenant();

  @Test
  void changingAPhoneToAnotherCustomersPhoneIsAConflictThatChangesNothing() {
    Customer first = customers.create(aCandidate(tenant).withPhone("+4930111111").build())
        .customer();
    Customer second = customers.create(aCandidate(tenant).withPhone("+4930222222").build())
        .customer();
    List<Map<String, Object>> before = raw.customers(tenant);
    Customer taking = new Customer(second.id(), tenant, "Renamed", first.phone(), "Contact", null,
        null, null, null, true, second.createdAt(), second.updatedAt().plusSeconds(1), 2);

    ConflictException conflict =
        assertThrows(ConflictException.class, () -> customers.update(taking, 1));

    assertEquals("customer", conflict.entity());
    assertEquals(tenant, conflict.tenant());
    assertEquals(second.id(), conflict.id());
    assertTrue(conflict.getMessage().contains("phone already belongs to another customer"));
    assertEquals(before, raw.customers(tenant));
  }

  @Test
  void aBatchFailingAtItsLastItemLeavesNoRow() {
    List<Customer> batch = List.of(
        aCandidate(tenant).withPhone("+4930111111").build(),
        aCandidate(tenant).withPhone("+4930222222").build(),
        aCandidate(tenant).named(null).withPhone("+4930999999").build());

    StorageException failure =
        assertThrows(StorageException.class, () -> customers.createAll(batch));

    assertTrue(causedByDriverType(failure, "org.postgresql.util.PSQLException"),
        "the driver's exception is behind it");
    assertTrue(failure.getMessage().contains("SQLState 23502"), failure.getMessage());
    assertFalse(failure.getMessage().contains("+4930999999"), "no customer data in the message");
    assertEquals(List.of(), raw.customers(tenant));
  }

  @Test
  void aBatchWhoseLastItemReusesAnIdIsAConflictAndLeavesNoRow() {
    UUID id = UUID.randomUUID();
    List<Customer> batch = List.of(
        aCandidate(tenant).withId(id).withPhone("+4930111111").build(),
        aCandidate(tenant).withPhone("+4930222222").build(),
        aCandidate(tenant).withId(id).withPhone("+4930333333").build());

    ConflictException conflict =
        assertThrows(ConflictException.class, () -> customers.createAll(batch));

    assertEquals(id, conflict.id());
    assertEquals(List.of(), raw.customers(tenant));
  }

  @Test
  void hibernateAndJooqShareOneTransaction() {
    Customer written = aCandidate(tenant).withPhone("+4930111111").build();

    Optional<Customer> seenByHibernate = persistence.transactor().inTransaction("test",
        (violation, cause) -> new ConflictException("customer", tenant, null, "unexpected"),
        tx -> {
          tx.sql(dsl -> dsl.insertInto(Tables.CUSTOMER)
              .columns(Tables.CUSTOMER_COLUMNS)
              .values(written.id(), tenant.value(), written.name(), written.phone(), null, null,
                  null, null, null, true, written.createdAt(), written.updatedAt(), 1L)
              .execute());
          assertEquals(List.of(), raw.customers(tenant), "not visible outside before commit");
          return Optional.ofNullable(tx.session().find(CustomerEntity.class, written.id()))
              .map(CustomerEntity::toCustomer);
        });

    assertEquals(Optional.of(written), seenByHibernate);
    assertEquals(1, raw.customers(tenant).size());
  }

  @Test
  void aFailureAfterAJooqWriteRollsItBack() {
    Customer written = aCandidate(tenant).build();

    assertThrows(StorageException.class, () -> persistence.transactor().inTransaction("test",
        (violation, cause) -> new ConflictException("customer", tenant, null, "unexpected"),
        tx -> {
          tx.sql(dsl -> dsl.insertInto(Tables.CUSTOMER)
              .columns(Tables.CUSTOMER_COLUMNS)
              .values(written.id(), tenant.value(), written.name(), null, null, null, null, null,
                  null, true, written.createdAt(), written.updatedAt(), 1L)
              .execute());
          return tx.sql(dsl -> dsl.select(DSL.field("1 / 0")).fetch());
        }));

    assertEquals(List.of(), raw.customers(tenant));
  }

  @Test
  void aDeadlockVictimIsRunAgainAndBothTransactionsCommit() throws Exception {
    UUID a = customers.create(aCandidate(tenant).build()).customer().id();
    UUID b = customers.create(aCandidate(tenant).build()).customer().id();
    CountDownLatch aLocked = new CountDownLatch(1);
    CountDownLatch bLocked = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> lockBoth(a, aLocked, b, bLocked, runs));
      Future<String> second = pool.submit(() -> lockBoth(b, bLocked, a, aLocked, runs));

      assertEquals("locked", first.get(60, TimeUnit.SECONDS));
      assertEquals("locked", second.get(60, TimeUnit.SECONDS));
      // A victim's rerun can take its row back before the survivor wakes and deadlock again.
      assertTrue(runs.get() >= 3, "a deadlock victim ran again, runs: " + runs.get());
      assertTrue(runs.get() <= 2 * Transactor.MAX_ATTEMPTS,
          "each transaction ran at most " + Transactor.MAX_ATTEMPTS + " times, runs: " + runs.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Locks one row, waits until the other transaction holds the other row, then locks that. */
  private String lockBoth(UUID mine, CountDownLatch mineLocked, UUID theirs,
      CountDownLatch theirsLocked, AtomicInteger runs) {
    return persistence.transactor().inTransaction("test",
        (violation, cause) -> new ConflictException("customer", tenant, null, "unexpected"),
        tx -> tx.sql(dsl -> {
          runs.incrementAndGet();
          dsl.select(Tables.C_ID).from(Tables.CUSTOMER).where(Tables.C_ID.eq(mine))
              .forUpdate().fetch();
          mineLocked.countDown();
          try {
            assertTrue(theirsLocked.await(30, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          dsl.select(Tables.C_ID).from(Tables.CUSTOMER).where(Tables.C_ID.eq(theirs))
              .forUpdate().fetch();
          return "locked";
        }));
  }

  private static boolean causedByDriverType(Throwable failure, String type) {
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DriverFailure driver && driver.driverType().equals(type)) {
        return true;
      }
    }
    return false;
  }
}
