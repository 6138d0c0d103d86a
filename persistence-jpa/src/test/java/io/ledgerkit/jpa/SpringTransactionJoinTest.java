package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.StorageException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SDK calls inside a Spring-managed transaction on the adapter's data source (a {@code
 * DataSourceTransactionManager}, as {@code @Transactional} uses it) join it; outside one each
 * call commits on its own.
 */
class SpringTransactionJoinTest {

  private final DataSource dataSource = TestDatabase.pool();
  private final HostInvoices invoices = new HostInvoices(dataSource);
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  private final Ledgerkit ledgerkit =
      Ledgerkit.builder().persistence(TestDatabase.persistence()).build();
  private final String tenant = CustomerCandidates.aTenant().value();
  private final Caller owner = Caller.of(tenant, "owner", Role.OWNER);

  SpringTransactionJoinTest() {
    ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults().withDefaultPhoneRegion("IN"));
  }

  @Test
  void aCommittedHostTransactionKeepsTheCustomerAndTheHostRow() {
    Customer customer = transaction.execute(status -> {
      Customer created = create("098765 00001");
      invoice(created.id());
      return created;
    });

    assertEquals(1, committedCustomers());
    assertEquals(1, invoices.committedFor(customer.id()));
  }

  @Test
  void theHostsRollbackUndoesTheSdksWrites() {
    Customer customer = transaction.execute(status -> {
      Customer created = create("098765 00002");
      ledgerkit.customers().update(owner, created.id(), CustomerPatch.builder().notes("n").build());
      invoice(created.id());
      status.setRollbackOnly();
      return created;
    });

    assertEquals(0, committedCustomers());
    assertEquals(0, invoices.committedFor(customer.id()));
  }

  @Test
  void anExceptionFromTheHostAfterAnSdkWriteUndoesBoth() {
    AtomicReference<UUID> id = new AtomicReference<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
        transaction.executeWithoutResult(status -> {
          Customer created = create("098765 00003");
          id.set(created.id());
          invoice(created.id());
          throw new IllegalStateException("the host's own step failed");
        }));

    assertEquals("the host's own step failed", thrown.getMessage());
    assertEquals(0, committedCustomers());
    assertEquals(0, invoices.committedFor(id.get()));
  }

  @Test
  void theSdksValidationExceptionLetsTheHostRollBackItsOwnRow() {
    UUID invoiceCustomer = UUID.randomUUID();

    assertThrows(ValidationException.class, () -> transaction.executeWithoutResult(status -> {
      invoice(invoiceCustomer);
      ledgerkit.customers().create(owner, CustomerDraft.named("Asha").withPhone("not a phone"));
    }));

    assertEquals(0, invoices.committedFor(invoiceCustomer));
    assertEquals(0, committedCustomers());
  }

  @Test
  void theSdksConflictLetsTheHostRollBackItsOwnRowAndKeepsTheEarlierCustomer() {
    Customer first = create("098765 00004");
    UUID invoiceCustomer = UUID.randomUUID();

    assertThrows(ConflictException.class, () -> transaction.executeWithoutResult(status -> {
      invoice(invoiceCustomer);
      Customer second = create("098765 00005");
      takePhoneOf(first, second);
    }));

    assertEquals(0, invoices.committedFor(invoiceCustomer));
    assertEquals(1, committedCustomers(), "only the customer created outside remains");
  }

  @Test
  void aConflictInsideLeavesTheHostsTransactionUsable() {
    // PostgreSQL aborts a whole transaction on an error; the savepoint keeps the host's alive.
    Customer first = create("098765 00006");
    Customer second = transaction.execute(status -> {
      Customer created = create("098765 00007");
      assertThrows(ConflictException.class, () -> takePhoneOf(first, created));
      invoice(created.id());
      return ledgerkit.customers().update(owner, created.id(),
          CustomerPatch.builder().notes("after the conflict").build());
    });

    assertEquals(1, invoices.committedFor(second.id()));
    assertEquals("after the conflict",
        ledgerkit.customers().findById(owner, second.id()).orElseThrow().notes());
    assertEquals("+919876500007", second.phone(), "the failed change left nothing behind");
  }

  @Test
  void readsInsideSeeTheTransactionsUncommittedWritesThroughHibernateAndJooq() {
    transaction.executeWithoutResult(status -> {
      Customer created = create("098765 00008");
      assertEquals(created, ledgerkit.customers().findById(owner, created.id()).orElseThrow());
      assertEquals(created,
          ledgerkit.customers().findByPhone(owner, "098765 00008").orElseThrow());
      assertEquals(1, ledgerkit.customers().list(owner, CustomerFilter.all()).total());
      assertEquals(0, committedCustomers(), "nothing is visible outside before the commit");
      status.setRollbackOnly();
    });
  }

  @Test
  void aCallInAnAbortedHostTransactionFailsWithoutTouchingIt() {
    StorageException failure = assertThrows(StorageException.class, () ->
        transaction.executeWithoutResult(status -> {
          try {
            jdbc.execute("select 1 / 0");
          } catch (RuntimeException hostError) {
            // The host swallows its own error; its transaction is now aborted (25P02).
          }
          create("098765 00009");
        }));

    assertTrue(failure.getMessage().contains("25P02"), failure.getMessage());
    assertEquals(0, committedCustomers());
  }

  @Test
  void aDeadlockInsideIsReportedOnceAndTheOtherHostTransactionCommits() throws Exception {
    Customer a = create("098765 00012");
    Customer b = create("098765 00013");
    CountDownLatch bothLocked = new CountDownLatch(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = threads.submit(() -> lockThenTouch(a, b, bothLocked));
      Future<?> second = threads.submit(() -> lockThenTouch(b, a, bothLocked));
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> outcome : List.of(first, second)) {
        try {
          outcome.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }

      // Not run again inside the host's transaction: the host gets the deadlock, to retry it.
      assertEquals(1, failures.size(), "one victim, one winner");
      StorageException victim = assertInstanceOf(StorageException.class, failures.get(0));
      assertTrue(victim.getMessage().contains("40P01"), victim.getMessage());
      long winnerVersions = ledgerkit.customers().findById(owner, a.id()).orElseThrow().version()
          + ledgerkit.customers().findById(owner, b.id()).orElseThrow().version();
      assertEquals(4, winnerVersions, "the winner changed both customers once, the victim none");
    } finally {
      threads.shutdownNow();
    }
  }

  private void lockThenTouch(Customer mine, Customer theirs, CountDownLatch bothLocked) {
    transaction.executeWithoutResult(status -> {
      touch(mine);
      bothLocked.countDown();
      try {
        bothLocked.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      touch(theirs);
    });
  }

  private void touch(Customer customer) {
    ledgerkit.customers().update(owner, customer.id(),
        CustomerPatch.builder().notes("touched").build());
  }

  @Test
  void outsideATransactionEachCallCommitsOnItsOwn() {
    create("098765 00010");
    try {
      create("098765 00011");
      failHostWork();
    } catch (IllegalStateException hostFailure) {
      // The host's own work failed after the SDK's call; no transaction ties the two together.
    }

    assertEquals(2, committedCustomers());
  }

  private static void failHostWork() {
    throw new IllegalStateException("the host's own write failed");
  }

  private Customer create(String phone) {
    return ledgerkit.customers().create(owner, CustomerDraft.named("Asha").withPhone(phone))
        .customer();
  }

  private void takePhoneOf(Customer holder, Customer taker) {
    ledgerkit.customers().update(owner, taker.id(),
        CustomerPatch.builder().phone(holder.phone()).build());
  }

  private void invoice(UUID customer) {
    jdbc.update(HostInvoices.INSERT, UUID.randomUUID(), customer, 100);
  }

  private int committedCustomers() {
    return TestDatabase.rawStore().customers(owner.tenant()).size();
  }
}
