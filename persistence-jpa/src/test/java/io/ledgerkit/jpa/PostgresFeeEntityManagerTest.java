package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
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
 * A fee's transition and its event inside the transaction of a host's own Hibernate {@code
 * EntityManagerFactory} that maps the SDK's entities: a plain {@code EntityManager}'s, joined
 * through {@link JpaPersistence#joining}, and Spring's {@code JpaTransactionManager}'s. Both commit
 * or roll back with the host's entities, and the host reads them in its own JPQL.
 */
class PostgresFeeEntityManagerTest {

  private static final DataSource DATA_SOURCE = TestDatabase.pool();
  private static final HostInvoices INVOICES = new HostInvoices(DATA_SOURCE);
  private static final JdbcFeeRawStore RAW = TestDatabase.rawFees();
  private static final EntityManagerFactory HOST = hostFactory();
  private static final JpaPersistence HOST_PERSISTENCE = JpaPersistence.create(HOST);

  @AfterAll
  static void closeHostFactory() {
    HOST_PERSISTENCE.close();
    HOST.close();
  }

  private final FeeSdk sdk = new FeeSdk(HOST_PERSISTENCE);

  @Test
  void aCommittedEntityManagerTransactionKeepsTheTransitionAndTheHostsEntity() {
    Fee fee = sdk.assess();

    inHostTransaction(em -> HOST_PERSISTENCE.joining(em, () -> {
      sdk.waive(fee);
      em.persist(new HostInvoice(fee.id(), 250));
      return null;
    }), true);

    assertEquals(FeeStatus.WAIVED, sdk.stored(fee).status());
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.WAIVED), sdk.eventTypes(fee));
    assertEquals(1, INVOICES.committedFor(fee.id()));
  }

  @Test
  void anEntityManagerRollbackUndoesTheTransitionAndItsEvent() {
    Fee fee = sdk.assess();
    List<Map<String, Object>> fees = RAW.fees(sdk.staff.tenant());
    List<Map<String, Object>> events = RAW.events(sdk.staff.tenant());

    inHostTransaction(em -> {
      HOST_PERSISTENCE.joining(em, () -> sdk.waive(fee));
      em.persist(new HostInvoice(fee.id(), 250));
      em.flush();
      // The host reads the SDK's uncommitted change in its own JPQL.
      assertEquals("waived", em.createQuery(
              "select f.status from LedgerkitFee f where f.id = :id", String.class)
          .setParameter("id", fee.id()).getSingleResult());
      assertEquals(2L, em.createQuery(
              "select count(e) from LedgerkitFeeEvent e where e.feeId = :id", Long.class)
          .setParameter("id", fee.id()).getSingleResult());
      return null;
    }, false);

    assertEquals(fees, RAW.fees(sdk.staff.tenant()));
    assertEquals(events, RAW.events(sdk.staff.tenant()));
    assertEquals(0, INVOICES.committedFor(fee.id()));
  }

  @Test
  void springsJpaTransactionManagerIsJoinedToo() {
    JpaTransactionManager manager = new JpaTransactionManager(HOST);
    manager.setDataSource(DATA_SOURCE);
    manager.setJpaDialect(new HibernateJpaDialect());
    TransactionTemplate transaction = new TransactionTemplate(manager);
    Fee undone = sdk.assess();
    Fee kept = sdk.assess();

    transaction.executeWithoutResult(status -> {
      sdk.waive(undone);
      EntityManagerFactoryUtils.getTransactionalEntityManager(HOST)
          .persist(new HostInvoice(undone.id(), 250));
      status.setRollbackOnly();
    });
    transaction.executeWithoutResult(status -> {
      sdk.waive(kept);
      EntityManagerFactoryUtils.getTransactionalEntityManager(HOST)
          .persist(new HostInvoice(kept.id(), 250));
    });

    assertEquals(FeeStatus.UNPAID, sdk.stored(undone).status());
    assertEquals(List.of(FeeEventType.ASSESSED), sdk.eventTypes(undone));
    assertEquals(0, INVOICES.committedFor(undone.id()));
    assertEquals(FeeStatus.WAIVED, sdk.stored(kept).status());
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.WAIVED), sdk.eventTypes(kept));
    assertEquals(1, INVOICES.committedFor(kept.id()));
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

  private static EntityManagerFactory hostFactory() {
    HibernatePersistenceConfiguration host = new HibernatePersistenceConfiguration("fee-host")
        .managedClass(HostInvoice.class)
        .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, DATA_SOURCE)
        // The test class path carries a hostile hibernate.properties; a real host has its own.
        .property(MappingSettings.DEFAULT_SCHEMA, currentSchema());
    for (String name : JpaPersistence.managedClassNames()) {
      try {
        host.managedClass(Class.forName(name));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
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
