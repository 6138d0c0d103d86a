package io.ledgerkit.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.OperationEvent;
import io.ledgerkit.OperationListener;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.jpa.JpaPersistence;
import io.ledgerkit.testkit.TestPostgres;
import io.ledgerkit.tenant.AccessPolicy;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import io.ledgerkit.testkit.InMemoryPersistence;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The starter on a {@code DataSource} (embedded PostgreSQL), as a host's context holds one. */
class PostgresStarterTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LedgerkitPersistenceAutoConfiguration.class,
          LedgerkitAutoConfiguration.class, LedgerkitHealthAutoConfiguration.class))
      .withBean(DataSource.class, TestPostgres::freshSchema);

  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);

  @Test
  void configuresLedgerkitOnTheDataSourceAndMigrates() {
    runner.run(context -> {
      assertInstanceOf(JpaPersistence.class, context.getBean(PersistenceAdapter.class));
      Customer created = create(context.getBean(Ledgerkit.class), "098765 00001");
      assertEquals("+919876500001", created.phone());
    });
  }

  @Test
  void withoutAStoreThereIsNoLedgerkit() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LedgerkitPersistenceAutoConfiguration.class,
            LedgerkitAutoConfiguration.class, LedgerkitHealthAutoConfiguration.class))
        .run(context -> {
          assertFalse(context.containsBean("ledgerkit"));
          assertTrue(context.getBeansOfType(Ledgerkit.class).isEmpty());
        });
  }

  @Test
  void migrationsOffRefusesAnUnmigratedSchema() {
    runner.withPropertyValues("ledgerkit.migrations.enabled=false").run(context -> {
      Throwable failure = context.getStartupFailure();
      assertTrue(failure != null, "the context must not start on an unmigrated schema");
      assertTrue(rootCause(failure) instanceof IllegalStateException, failure.toString());
      assertTrue(rootCause(failure).getMessage().contains("not current"),
          rootCause(failure).getMessage());
    });
  }

  @Test
  void backsOffForTheHostsLedgerkitAndPersistence() {
    Ledgerkit hosts = Ledgerkit.builder().persistence(new InMemoryPersistence()).build();
    runner.withBean(Ledgerkit.class, () -> hosts).run(context ->
        assertSame(hosts, context.getBean(Ledgerkit.class)));

    InMemoryPersistence store = new InMemoryPersistence();
    runner.withBean(PersistenceAdapter.class, () -> store).run(context -> {
      assertSame(store, context.getBean(PersistenceAdapter.class));
      create(context.getBean(Ledgerkit.class), "098765 00002");
      assertEquals(1, store.customers().find(owner.tenant(), CustomerFilter.all(),
          PageRequest.FIRST, CustomerSort.NEWEST_FIRST).total());
    });
  }

  @Test
  void usesTheHostsAccessPolicyAndClock() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    AccessPolicy staffOnly = (caller, permission) -> caller.has(Role.STAFF);
    runner.withBean(Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC))
        .withBean(AccessPolicy.class, () -> staffOnly)
        .run(context -> {
          Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
          assertSame(staffOnly, ledgerkit.accessPolicy());
          ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults());
          assertThrows(AccessDeniedException.class, () -> ledgerkit.customers()
              .create(owner, CustomerDraft.named("Asha")));
          Caller staff = Caller.of(owner.tenant().value(), "staff", Role.STAFF);
          assertEquals(now, ledgerkit.customers().create(staff, CustomerDraft.named("Asha"))
              .customer().createdAt());
        });
  }

  @Test
  void joinsTheHostsSpringTransaction() {
    runner.run(context -> {
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      create(ledgerkit, "098765 00099");
      // As Spring Boot's DataSourceTransactionManagerAutoConfiguration makes it.
      TransactionTemplate transaction = new TransactionTemplate(
          new DataSourceTransactionManager(context.getBean(DataSource.class)));
      transaction.executeWithoutResult(status -> {
        create(ledgerkit, "098765 00003");
        status.setRollbackOnly();
      });
      assertTrue(ledgerkit.customers().findByPhone(owner, "098765 00003").isEmpty());
    });
  }

  @Test
  void joiningCanBeTurnedOff() {
    runner.withPropertyValues("ledgerkit.join-transactions=false").run(context -> {
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      TransactionTemplate transaction = new TransactionTemplate(
          new DataSourceTransactionManager(context.getBean(DataSource.class)));
      transaction.executeWithoutResult(status -> {
        create(ledgerkit, "098765 00004");
        status.setRollbackOnly();
      });
      assertTrue(ledgerkit.customers().findByPhone(owner, "098765 00004").isPresent());
    });
  }

  @Test
  void healthIsUpWhileTheStoreAnswersAndDownOnceItFails() {
    runner.run(context -> {
      HealthIndicator health = context.getBean("ledgerkitHealthIndicator", HealthIndicator.class);
      assertEquals(Status.UP, health.health(false).getStatus());

      context.getBean(JpaPersistence.class).close();

      assertEquals(Status.DOWN, health.health(false).getStatus());
      assertTrue(String.valueOf(health.health(true).getDetails().get("error"))
          .startsWith("io.ledgerkit.StorageException"), health.health(true).toString());
    });
  }

  @Test
  void healthCanBeTurnedOff() {
    runner.withPropertyValues("management.health.ledgerkit.enabled=false").run(context ->
        assertFalse(context.containsBean("ledgerkitHealthIndicator")));
  }

  @Test
  void recordsTimersAndOutcomesOfEveryOperation() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      Customer first = create(ledgerkit, "098765 00005");
      Customer second = create(ledgerkit, "098765 00006");
      assertThrows(ConflictException.class, () -> ledgerkit.customers().update(owner,
          second.id(), CustomerPatch.builder().phone(first.phone()).build()));
      assertThrows(ValidationException.class, () -> ledgerkit.customers().create(owner,
          CustomerDraft.named("Asha").withPhone("not a phone")));

      assertEquals(2, timer(meters, "customers.create", "success").count());
      assertEquals(1, timer(meters, "customers.update", "conflict").count());
      assertEquals(1, timer(meters, "customers.create", "invalid").count(),
          "a refusal of the core is counted though no store call was made");
      assertTrue(timer(meters, "customers.create", "success").totalTime(TimeUnit.NANOSECONDS) > 0);
    });
  }

  @Test
  void theHostsOwnListenersHearEveryOperationBesideTheMetrics() {
    List<OperationEvent> heard = new CopyOnWriteArrayList<>();
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(OperationListener.class, () -> heard::add)
        .run(context -> {
          create(context.getBean(Ledgerkit.class), "098765 00008");
          assertEquals(List.of("tenants.find", "tenants.register", "customers.create"),
              heard.stream().map(OperationEvent::operation).toList());
          assertEquals(1, timer(context.getBean(MeterRegistry.class), "customers.create",
              "success").count());
        });
  }

  @Test
  void metricsCanBeTurnedOff() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("ledgerkit.metrics.enabled=false")
        .run(context -> {
          create(context.getBean(Ledgerkit.class), "098765 00007");
          assertTrue(context.getBean(MeterRegistry.class).find(LedgerkitMetrics.TIMER).timers()
              .isEmpty());
        });
  }

  private Customer create(Ledgerkit ledgerkit, String phone) {
    if (ledgerkit.tenants().find(owner.tenant()).isEmpty()) {
      ledgerkit.tenants().register(owner.tenant(),
          TenantSettings.defaults().withDefaultPhoneRegion("IN"));
    }
    return ledgerkit.customers().create(owner, CustomerDraft.named("Asha").withPhone(phone))
        .customer();
  }

  private static Timer timer(MeterRegistry meters, String operation, String outcome) {
    return meters.get(LedgerkitMetrics.TIMER).tag("operation", operation).tag("outcome", outcome)
        .timer();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
