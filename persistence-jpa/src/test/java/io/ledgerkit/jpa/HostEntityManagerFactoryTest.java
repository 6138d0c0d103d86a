package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adapter built on a host's own Hibernate {@link EntityManagerFactory} that manages the SDK's
 * entities next to its own: SDK calls join the host's {@code EntityManager} transaction ({@link
 * JpaPersistence#joining}) or Spring's {@code JpaTransactionManager}'s, and the host reads the
 * SDK's tables in its own queries.
 */
class HostEntityManagerFactoryTest {

  private static final DataSource DATA_SOURCE = TestDatabase.pool();
  private static final HostInvoices INVOICES = new HostInvoices(DATA_SOURCE);
  private static final EntityManagerFactory HOST = hostFactory(true);
  private static final JpaPersistence PERSISTENCE = JpaPersistence.create(HOST);

  private final Ledgerkit ledgerkit = Ledgerkit.builder().persistence(PERSISTENCE).build();
  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);

  HostEntityManagerFactoryTest() {
    ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults().withDefaultPhoneRegion("IN"));
  }

  @AfterAll
  static void closeHostFactory() {
    PERSISTENCE.close();
    assertTrue(HOST.isOpen(), "the adapter never closes the host's factory");
    HOST.close();
  }

  @Test
  void aCommittedEntityManagerTransactionKeepsBoth() {
    Customer customer = inHostTransaction(em -> {
      Customer created = PERSISTENCE.joining(em, () -> create("098765 00101"));
      em.persist(new HostInvoice(created.id(), 100));
      return created;
    }, true);

    assertEquals(1, committedCustomers());
    assertEquals(1, INVOICES.committedFor(customer.id()));
  }

  @Test
  void anEntityManagerRollbackUndoesTheSdksWrites() {
    Customer customer = inHostTransaction(em -> {
      Customer created = PERSISTENCE.joining(em, () -> create("098765 00102"));
      em.persist(new HostInvoice(created.id(), 100));
      em.flush();
      return created;
    }, false);

    assertEquals(0, committedCustomers());
    assertEquals(0, INVOICES.committedFor(customer.id()));
  }

  @Test
  void theHostReadsTheSdksUncommittedCustomerInItsOwnQuery() {
    inHostTransaction(em -> {
      Customer created = PERSISTENCE.joining(em, () -> create("098765 00103"));
      String name = em.createQuery(
              "select c.name from LedgerkitCustomer c where c.id = :id", String.class)
          .setParameter("id", created.id())
          .getSingleResult();
      assertEquals("Asha", name);
      return created;
    }, false);
  }

  @Test
  void aConflictInsideLeavesTheEntityManagersTransactionUsable() {
    Customer first = create("098765 00104");
    Customer second = inHostTransaction(em -> PERSISTENCE.joining(em, () -> {
      Customer created = create("098765 00105");
      assertThrows(ConflictException.class, () -> ledgerkit.customers().update(owner,
          created.id(), CustomerPatch.builder().phone(first.phone()).build()));
      em.persist(new HostInvoice(created.id(), 100));
      return created;
    }), true);

    assertEquals(2, committedCustomers());
    assertEquals(1, INVOICES.committedFor(second.id()));
  }

  @Test
  void joiningNeedsAnActiveTransaction() {
    EntityManager em = HOST.createEntityManager();
    try {
      assertThrows(IllegalStateException.class,
          () -> PERSISTENCE.joining(em, () -> create("098765 00106")));
    } finally {
      em.close();
    }
    assertEquals(0, committedCustomers());
  }

  @Test
  void springsJpaTransactionManagerIsJoinedToo() {
    JpaTransactionManager manager = new JpaTransactionManager(HOST);
    manager.setDataSource(DATA_SOURCE);
    manager.setJpaDialect(new HibernateJpaDialect());
    TransactionTemplate transaction = new TransactionTemplate(manager);

    Customer undone = transaction.execute(status -> {
      Customer created = create("098765 00107");
      EntityManagerFactoryUtils.getTransactionalEntityManager(HOST)
          .persist(new HostInvoice(created.id(), 100));
      status.setRollbackOnly();
      return created;
    });
    Customer kept = transaction.execute(status -> {
      Customer created = create("098765 00108");
      EntityManagerFactoryUtils.getTransactionalEntityManager(HOST)
          .persist(new HostInvoice(created.id(), 100));
      return created;
    });

    assertEquals(0, INVOICES.committedFor(undone.id()));
    assertEquals(1, INVOICES.committedFor(kept.id()));
    assertEquals(List.of(kept.id().toString()), committedCustomerIds());
  }

  @Test
  void aFactoryWithoutTheSdksEntitiesIsRefused() {
    EntityManagerFactory bare = hostFactory(false);
    try {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> JpaPersistence.builder(bare));
      assertTrue(refused.getMessage().contains("managedClassNames"), refused.getMessage());
    } finally {
      bare.close();
    }
  }

  @Test
  void theManagedClassesAreTheEntitiesOfEveryTable() {
    assertEquals(4, JpaPersistence.managedClassNames().size());
    for (String name : List.of("LedgerkitTenant", "LedgerkitCustomer", "LedgerkitFee",
        "LedgerkitFeeEvent")) {
      assertTrue(HOST.getMetamodel().getEntities().stream()
          .anyMatch(entity -> entity.getName().equals(name)), name);
    }
  }

  private <R> R inHostTransaction(Function<EntityManager, R> work, boolean commit) {
    EntityManager em = HOST.createEntityManager();
    try {
      em.getTransaction().begin();
      R result = work.apply(em);
      if (commit) {
        em.getTransaction().commit();
      } else {
        em.getTransaction().rollback();
      }
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  private Customer create(String phone) {
    return ledgerkit.customers().create(owner, CustomerDraft.named("Asha").withPhone(phone))
        .customer();
  }

  private int committedCustomers() {
    return committedCustomerIds().size();
  }

  private List<String> committedCustomerIds() {
    List<String> ids = new ArrayList<>();
    TestDatabase.rawStore().customers(owner.tenant()).forEach(row -> ids.add((String) row.get("id")));
    return ids;
  }

  private static EntityManagerFactory hostFactory(boolean withSdkEntities) {
    HibernatePersistenceConfiguration host = new HibernatePersistenceConfiguration("host")
        .managedClass(HostInvoice.class)
        .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, DATA_SOURCE)
        // The test class path carries a hostile hibernate.properties; a real host has its own.
        .property(MappingSettings.DEFAULT_SCHEMA, currentSchema());
    if (withSdkEntities) {
      for (String name : JpaPersistence.managedClassNames()) {
        try {
          host.managedClass(Class.forName(name));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return host.createEntityManagerFactory();
  }

  private static String currentSchema() {
    try (Connection connection = DATA_SOURCE.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select current_schema()")) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
