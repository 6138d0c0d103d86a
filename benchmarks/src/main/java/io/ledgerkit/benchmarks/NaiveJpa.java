package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.cfg.ValidationSettings;

/**
 * The naive JPA baseline of a bulk load, as a host new to the problem writes it: per call one
 * transaction; per draft one query for the phone, then a persist of a new entity or a change of
 * the found one, left to dirty checking. Hibernate's default flush mode flushes pending inserts
 * before each query, so a phone repeated within a call is found.
 */
final class NaiveJpa implements AutoCloseable {

  private final SessionFactory sessionFactory;

  NaiveJpa(DataSource pool) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .clearSettings()
        .applySetting(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
        .applySetting(JdbcSettings.ALLOW_METADATA_ON_BOOT, false)
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
        .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, "none")
        .applySetting(ValidationSettings.JAKARTA_VALIDATION_MODE, "none")
        .build();
    try {
      sessionFactory = new MetadataSources(registry)
          .addAnnotatedClass(NaiveCustomer.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  /**
   * One call of the bulk load.
   *
   * @return how many drafts were new
   */
  int load(String tenant, List<CustomerDraft> drafts) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    int created = 0;
    try (Session session = sessionFactory.openSession()) {
      Transaction transaction = session.beginTransaction();
      try {
        for (CustomerDraft draft : drafts) {
          String name = draft.name() == null ? Customer.DEFAULT_NAME : draft.name();
          String phone = draft.phone() == null ? "" : draft.phone();
          NaiveCustomer found = session.createSelectionQuery(
                  "from BenchNaiveCustomer c where c.tenantId = :tenant and c.phone = :phone",
                  NaiveCustomer.class)
              .setParameter("tenant", tenant)
              .setParameter("phone", phone)
              .uniqueResult();
          if (found == null) {
            session.persist(new NaiveCustomer(tenant, name, phone, now));
            created++;
          } else {
            found.merge(name, now);
          }
        }
        transaction.commit();
      } catch (RuntimeException e) {
        transaction.rollback();
        throw e;
      }
    }
    return created;
  }

  @Override
  public void close() {
    sessionFactory.close();
  }
}
