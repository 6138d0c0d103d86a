package io.ledgerkit.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.testkit.TestPostgres;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Boot host on Hibernate (Boot's own JPA auto-configuration and {@code
 * JpaTransactionManager}) with the starter: the SDK's writes join the host's transactions
 * ({@code @Transactional} methods and a {@code TransactionTemplate}), and the host maps the SDK's
 * entities ({@code @EntityScan}) to read them in its own queries.
 */
class BootJpaHostTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
          LedgerkitPersistenceAutoConfiguration.class, LedgerkitAutoConfiguration.class))
      .withUserConfiguration(Host.class)
      .withBean(DataSource.class, BootJpaHostTest::hostDatabase);

  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  @EntityScan(basePackageClasses = HostOrder.class, basePackages = "io.ledgerkit.jpa")
  @Import(Checkout.class)
  static class Host {}

  /** The host's service: one {@code @Transactional} method over the SDK and its own entity. */
  static class Checkout {
    private final Ledgerkit ledgerkit;
    @PersistenceContext
    private EntityManager em;

    Checkout(Ledgerkit ledgerkit) {
      this.ledgerkit = ledgerkit;
    }

    @Transactional
    public Customer order(Caller cashier, String phone, long total) {
      Customer customer = ledgerkit.customers()
          .create(cashier, CustomerDraft.named("Asha").withPhone(phone)).customer();
      em.persist(new HostOrder(customer.id(), total));
      em.flush();
      if (total < 0) {
        throw new IllegalArgumentException("the host refuses a negative total");
      }
      return customer;
    }

    /** A dry run: everything is written, then the host's transaction is rolled back. */
    @Transactional
    public Customer quote(Caller cashier, String phone, long total) {
      Customer customer = ledgerkit.customers()
          .create(cashier, CustomerDraft.named("Asha").withPhone(phone)).customer();
      em.persist(new HostOrder(customer.id(), total));
      em.flush();
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return customer;
    }

    @Transactional
    public void orderThenTakePhone(Caller cashier, UUID orderFor, Customer taker, String phone) {
      em.persist(new HostOrder(orderFor, 1));
      em.flush();
      ledgerkit.customers().update(cashier, taker.id(),
          CustomerPatch.builder().phone(phone).build());
    }
  }

  @Test
  void aTransactionalHostMethodCommitsOrRollsBackTheSdksWritesWithItsOwn() {
    runner.run(context -> {
      Checkout checkout = context.getBean(Checkout.class);
      EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults());

      Customer kept = checkout.order(owner, "+919876500011", 100);
      assertThrows(IllegalArgumentException.class,
          () -> checkout.order(owner, "+919876500012", -1));
      Customer quoted = checkout.quote(owner, "+919876500014", 100);
      Customer other = ledgerkit.customers()
          .create(owner, CustomerDraft.named("Ravi").withPhone("+919876500013")).customer();
      UUID hostRow = UUID.randomUUID();
      assertThrows(ConflictException.class,
          () -> checkout.orderThenTakePhone(owner, hostRow, other, kept.phone()));

      assertEquals(1L, orders(factory, kept.id()));
      assertTrue(ledgerkit.customers().findByPhone(owner, "+919876500012").isEmpty(),
          "the host's exception undid the SDK's customer");
      assertEquals(0L, orders(factory, hostRow), "the SDK's conflict rolled the host's row back");
      assertEquals(0L, orders(factory, quoted.id()));
      assertTrue(ledgerkit.customers().findById(owner, quoted.id()).isEmpty(),
          "the host's rollback undid the SDK's customer");
      assertEquals("+919876500013",
          ledgerkit.customers().findById(owner, other.id()).orElseThrow().phone());
    });
  }

  @Test
  void theSdksWritesCommitAndRollBackWithTheHostsJpaTransaction() {
    runner.run(context -> {
      assertInstanceOf(JpaTransactionManager.class,
          context.getBean(PlatformTransactionManager.class));
      TransactionTemplate transaction =
          new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
      EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
      Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
      ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults());

      Customer kept = transaction.execute(status -> order(ledgerkit, factory, "+919876500001"));
      Customer undone = transaction.execute(status -> {
        Customer customer = order(ledgerkit, factory, "+919876500002");
        status.setRollbackOnly();
        return customer;
      });
      assertThrows(IllegalStateException.class, () -> transaction.executeWithoutResult(status -> {
        order(ledgerkit, factory, "+919876500003");
        throw new IllegalStateException("the host's own step failed");
      }));

      assertEquals(1L, orders(factory, kept.id()));
      assertEquals(0L, orders(factory, undone.id()));
      assertEquals(1L, ledgerkit.customers().list(owner, CustomerFilter.all()).total());
    });
  }

  /** The host's use case: the customer, its order, and a read of the SDK's table in JPQL. */
  private Customer order(Ledgerkit ledgerkit, EntityManagerFactory factory, String phone) {
    Customer customer = ledgerkit.customers()
        .create(owner, CustomerDraft.named("Asha").withPhone(phone)).customer();
    EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
    em.persist(new HostOrder(customer.id(), 100));
    em.flush();
    String name = em.createQuery(
            "select c.name from LedgerkitCustomer c where c.id = :id and c.tenantId = :tenant",
            String.class)
        .setParameter("id", customer.id())
        .setParameter("tenant", owner.tenant().value())
        .getSingleResult();
    assertEquals("Asha", name, "the host reads the SDK's uncommitted row in its own query");
    return customer;
  }

  private static long orders(EntityManagerFactory factory, UUID customer) {
    EntityManager em = factory.createEntityManager();
    try {
      return em.createQuery("select count(o) from HostOrder o where o.customerId = :customer",
          Long.class).setParameter("customer", customer).getSingleResult();
    } finally {
      em.close();
    }
  }

  private static DataSource hostDatabase() {
    PGSimpleDataSource dataSource = TestPostgres.freshSchema();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(HostOrder.CREATE_TABLE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return dataSource;
  }
}
