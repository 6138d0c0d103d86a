package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.tenant.TenantRepository;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.cfg.ValidationSettings;

/**
 * Ledgerkit on PostgreSQL, through the host's {@link DataSource}.
 *
 * <pre>{@code
 * JpaPersistence persistence = JpaPersistence.create(dataSource);
 * Ledgerkit ledgerkit = Ledgerkit.builder().persistence(persistence).build();
 * }</pre>
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Its tables ({@code ledgerkit_tenant}, {@code ledgerkit_customer}) are created and kept
 *       current by Flyway on {@link Builder#build()} unless {@link Builder#migrate(boolean)
 *       migrate(false)} is asked for; its migration history lives in {@value
 *       #SCHEMA_HISTORY_TABLE}, apart from any history the host keeps.
 *   <li>Each repository call is one database transaction: it commits completely or leaves no
 *       trace. A whole {@code createAll} batch is one transaction.
 *   <li>(tenant, phone) is unique by a database index; concurrent creates of one phone end as one
 *       customer.
 *   <li>A unique violation is reported as {@link io.ledgerkit.ConflictException}; any other
 *       failure as {@link StorageException} with the driver's exception as cause. No SQL,
 *       Hibernate or jOOQ exception reaches the caller.
 *   <li>Timestamps are stored as {@code timestamptz} and read back as the same {@link
 *       java.time.Instant}, whatever the JVM's or the database session's time zone.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases what this adapter built (its Hibernate session
 * factory), never the host's {@code DataSource}.
 */
public final class JpaPersistence implements PersistenceAdapter, AutoCloseable {

  /** Whether {@link Builder#build()} runs the migrations when not told otherwise: true. */
  public static final boolean DEFAULT_MIGRATE = true;
  /** The table in which Flyway records this adapter's migrations. */
  public static final String SCHEMA_HISTORY_TABLE = "ledgerkit_schema_history";
  /** Where this adapter's Flyway migrations are, on its own class path. */
  public static final String MIGRATION_LOCATION = "classpath:db/migration/ledgerkit";

  private final SessionFactory sessionFactory;
  private final Transactor transactor;
  private final JpaTenantRepository tenants;
  private final JpaCustomerRepository customers;

  private JpaPersistence(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
    this.transactor = new Transactor(sessionFactory);
    this.tenants = new JpaTenantRepository(transactor);
    this.customers = new JpaCustomerRepository(transactor);
  }

  /**
   * Builds the adapter with every default: the migrations run now.
   *
   * @param dataSource the host's connections to PostgreSQL; the adapter never closes it
   * @return the adapter, its schema current
   * @throws StorageException if the database cannot be reached or a migration fails
   */
  public static JpaPersistence create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * @param dataSource the host's connections to PostgreSQL; the adapter never closes it
   * @return a builder with the defaults
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"), DEFAULT_MIGRATE);
  }

  @Override
  public TenantRepository tenants() {
    return tenants;
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  /** @return the transaction runner the repositories share */
  Transactor transactor() {
    return transactor;
  }

  /**
   * Closes the Hibernate session factory. The host's {@code DataSource} stays open. Calls after
   * closing fail with {@link StorageException}. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (!sessionFactory.isClosed()) {
      sessionFactory.close();
    }
  }

  /** Builds a {@link JpaPersistence}. Immutable: every setter returns a new builder. */
  public static final class Builder {

    private final DataSource dataSource;
    private final boolean migrate;

    private Builder(DataSource dataSource, boolean migrate) {
      this.dataSource = dataSource;
      this.migrate = migrate;
    }

    /**
     * @param migrate true (the default, {@link #DEFAULT_MIGRATE}) to bring the schema up to date
     *     on {@link #build()}; false when the host runs the migrations itself, in which case
     *     {@link #build()} checks that the schema is current
     * @return a builder with this choice
     */
    public Builder migrate(boolean migrate) {
      return new Builder(dataSource, migrate);
    }

    /**
     * @return the adapter, ready to use
     * @throws StorageException if the database cannot be reached or a migration fails
     * @throws IllegalStateException if {@code migrate(false)} was asked for and the schema is not
     *     at the version this adapter needs
     */
    public JpaPersistence build() {
      Flyway flyway = Flyway.configure(JpaPersistence.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATION_LOCATION)
          .table(SCHEMA_HISTORY_TABLE)
          // The host's schema usually holds its own tables already; ours start at V1 beside them.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          // No loggers(..): Flyway's default picks SLF4J whenever the host has an SLF4J binding,
          // and the setting is JVM-wide, so naming one here would override the host's own Flyway.
          .load();
      try {
        if (migrate) {
          flyway.migrate();
        } else {
          ValidateResult result = flyway.validateWithResult();
          if (!result.validationSuccessful) {
            throw new IllegalStateException("the Ledgerkit schema is not current (run the "
                + "migrations, or build with migrate(true)): " + result.getAllErrorMessages());
          }
        }
        return new JpaPersistence(sessionFactory(dataSource));
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StorageException("could not set up the PostgreSQL store: " + e.getMessage(), e);
      }
    }

    private static SessionFactory sessionFactory(DataSource dataSource) {
      StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
          // Only our settings: a host's hibernate.properties or -Dhibernate.* is for its own use.
          .clearSettings()
          .applySetting(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
          // Metadata access on boot stays on (Hibernate's default): the dialect follows the
          // server's real version, not the oldest PostgreSQL that Hibernate supports.
          // Every failure reaches the caller as a typed exception with the driver's as its cause;
          // Hibernate's own log of it would say it twice, quoting what the server said (data).
          .applySetting(JdbcSettings.LOG_JDBC_ERRORS, false)
          .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, "none")
          .applySetting(ValidationSettings.JAKARTA_VALIDATION_MODE, "none")
          .build();
      try {
        return new MetadataSources(registry)
            .addAnnotatedClass(CustomerEntity.class)
            .addAnnotatedClass(TenantEntity.class)
            .buildMetadata()
            .buildSessionFactory();
      } catch (RuntimeException e) {
        StandardServiceRegistryBuilder.destroy(registry);
        throw e;
      }
    }
  }
}
