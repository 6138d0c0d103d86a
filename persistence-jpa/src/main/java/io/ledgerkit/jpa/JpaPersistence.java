package io.ledgerkit.jpa;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.tenant.TenantRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.cfg.ValidationSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.jspecify.annotations.Nullable;

/**
 * Ledgerkit on PostgreSQL, through the host's {@link DataSource} or its Hibernate {@link
 * EntityManagerFactory}.
 *
 * <pre>{@code
 * JpaPersistence persistence = JpaPersistence.create(dataSource);
 * Ledgerkit ledgerkit = Ledgerkit.builder().persistence(persistence).build();
 * }</pre>
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Its tables ({@code ledgerkit_tenant}, {@code ledgerkit_customer}, {@code ledgerkit_fee},
 *       {@code ledgerkit_fee_event}, {@code ledgerkit_stock}, {@code ledgerkit_movement}) are
 *       created and kept
 *       current by Flyway on {@link Builder#build()} unless {@link Builder#migrate(boolean)
 *       migrate(false)} is asked for; its migration history lives in {@value
 *       #SCHEMA_HISTORY_TABLE}, apart from any history the host keeps.
 *   <li>Each repository call is one database transaction: it commits completely or leaves no
 *       trace. A whole {@code createAll} batch is one transaction.
 *   <li>A call made inside a host's transaction (a Spring-managed one on the same data source,
 *       one {@link HostTransactions} finds, or an {@code EntityManager}'s under {@link
 *       #joining(EntityManager, Supplier)}) joins it instead: its writes commit or roll back with
 *       the host's, and a call that fails leaves nothing of its own behind and the host's
 *       transaction usable (it runs in a savepoint).
 *   <li>(tenant, phone) is unique by a database index; concurrent creates of one phone end as one
 *       customer.
 *   <li>A fee and its audit event are written together or not at all, in one statement; a fee
 *       transition applies only while the stored fee is at the version it was computed from. The
 *       event log is append-only in the database too: {@code UPDATE}, {@code DELETE} and {@code
 *       TRUNCATE} of {@code ledgerkit_fee_event} fail.
 *   <li>A stock movement and its item's stock change are written together or not at all, in one
 *       statement, and so are both legs of a transfer with both stock changes: an item's stock on
 *       hand equals the sum of its movements at every moment, and is read from one row. Unless
 *       the store allows negative stock, a movement that would take stock below zero writes
 *       nothing, decided on the item's stock row locked by the write, so concurrent movements
 *       cannot oversell. The movement ledger is append-only in the database too, like fee
 *       events.
 *   <li>A unique violation is reported as {@link io.ledgerkit.ConflictException}; any other
 *       failure as {@link StorageException} with the driver's exception as cause. No SQL,
 *       Hibernate or jOOQ exception reaches the caller.
 *   <li>Timestamps are stored as {@code timestamptz} and read back as the same {@link
 *       java.time.Instant}, whatever the JVM's or the database session's time zone.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases what this adapter built (its Hibernate session
 * factory), never the host's {@code DataSource} or {@code EntityManagerFactory}.
 */
public final class JpaPersistence implements PersistenceAdapter, AutoCloseable {

  /** Whether {@link Builder#build()} runs the migrations when not told otherwise: true. */
  public static final boolean DEFAULT_MIGRATE = true;
  /** The table in which Flyway records this adapter's migrations. */
  public static final String SCHEMA_HISTORY_TABLE = "ledgerkit_schema_history";
  /** Where this adapter's Flyway migrations are, on its own class path. */
  public static final String MIGRATION_LOCATION = "classpath:io/ledgerkit/jpa/migration";

  /** The entities of the adapter's tables, in the host's session factory or the adapter's own. */
  private static final List<Class<?>> MANAGED_CLASSES = List.of(CustomerEntity.class,
      TenantEntity.class, FeeEntity.class, FeeEventEntity.class);
  private static final List<String> MANAGED_CLASS_NAMES =
      MANAGED_CLASSES.stream().map(Class::getName).toList();

  private final SessionFactory sessionFactory;
  /** Whether the session factory is this adapter's to close (not the host's). */
  private final boolean ownsSessionFactory;
  private final Transactor transactor;
  private final JpaTenantRepository tenants;
  private final JpaCustomerRepository customers;
  private final JpaFeeRepository fees;
  private final JpaInventoryRepository inventory;

  private JpaPersistence(SessionFactory sessionFactory, boolean ownsSessionFactory,
      DataSource dataSource, HostTransactions hosts) {
    this.sessionFactory = sessionFactory;
    this.ownsSessionFactory = ownsSessionFactory;
    this.transactor = new Transactor(sessionFactory, dataSource, hosts);
    this.tenants = new JpaTenantRepository(transactor);
    this.customers = new JpaCustomerRepository(transactor);
    this.fees = new JpaFeeRepository(transactor);
    this.inventory = new JpaInventoryRepository(transactor);
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
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null, DEFAULT_MIGRATE,
        null);
  }

  /**
   * Builds the adapter on the host's own Hibernate {@link EntityManagerFactory}, with every
   * default: the migrations run now, on the data source the factory was given.
   *
   * @param entityManagerFactory the host's factory; it must be Hibernate's, built on a {@link
   *     DataSource}, and manage the classes {@link #managedClassNames()} lists
   * @return the adapter, its schema current
   * @throws IllegalArgumentException if the factory does not meet these conditions
   * @throws StorageException if the database cannot be reached or a migration fails
   */
  public static JpaPersistence create(EntityManagerFactory entityManagerFactory) {
    return builder(entityManagerFactory).build();
  }

  /**
   * A builder on the host's own Hibernate {@link EntityManagerFactory}: the adapter reads through
   * the host's session factory and migrates through the data source the factory was given, and
   * the host may read the adapter's tables in its own queries (see {@link
   * #managedClassNames()}).
   *
   * @param entityManagerFactory the host's factory; it must be Hibernate's, built on a {@link
   *     DataSource}, and manage the classes {@link #managedClassNames()} lists
   * @return a builder with the defaults
   * @throws IllegalArgumentException if the factory does not meet these conditions
   */
  public static Builder builder(EntityManagerFactory entityManagerFactory) {
    Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
    SessionFactory sessions;
    try {
      sessions = entityManagerFactory.unwrap(SessionFactory.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the EntityManagerFactory is not Hibernate's", e);
    }
    for (Class<?> entity : MANAGED_CLASSES) {
      try {
        sessions.getMetamodel().entity(entity);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the EntityManagerFactory does not manage "
            + entity.getName() + ": add JpaPersistence.managedClassNames() to its managed classes",
            e);
      }
    }
    ConnectionProvider connections = sessions.unwrap(SessionFactoryImplementor.class)
        .getServiceRegistry().requireService(ConnectionProvider.class);
    if (!connections.isUnwrappableAs(DataSource.class)) {
      throw new IllegalArgumentException("the EntityManagerFactory does not use a DataSource "
          + "(jakarta.persistence.nonJtaDataSource); give it one, or build on the DataSource");
    }
    return new Builder(connections.unwrap(DataSource.class), sessions, DEFAULT_MIGRATE, null);
  }

  /**
   * The entity classes that map the adapter's tables, for a host that builds the adapter on its
   * own {@link EntityManagerFactory} (which must manage them) or reads the tables in its own
   * queries: add them to the persistence unit ({@code <class>} in {@code persistence.xml}, {@code
   * PersistenceConfiguration.managedClass}, Spring's {@code PersistenceManagedTypes}). The
   * entities are named {@code LedgerkitCustomer}, {@code LedgerkitTenant}, {@code LedgerkitFee}
   * and {@code LedgerkitFeeEvent} in queries, and are read-only: the adapter alone writes these
   * tables.
   *
   * @return the fully qualified class names, in no particular order
   */
  public static List<String> managedClassNames() {
    return MANAGED_CLASS_NAMES;
  }

  /**
   * Runs work with every repository call in it joined to the transaction of the host's {@link
   * EntityManager}, which must be active: the SDK's writes commit or roll back with the host's.
   *
   * <pre>{@code
   * em.getTransaction().begin();
   * Customer customer = persistence.joining(em,
   *     () -> ledgerkit.customers().create(caller, draft).customer());
   * em.persist(new Invoice(customer.id(), total));
   * em.getTransaction().commit();   // or rollback(): the customer goes too
   * }</pre>
   *
   * @param entityManager the host's entity manager, of a Hibernate factory on the same database,
   *     with its transaction begun
   * @param work the SDK calls to join; runs on the calling thread
   * @param <R> what the work returns
   * @return what the work returned
   * @throws IllegalStateException if the entity manager has no active transaction
   */
  public <R> R joining(EntityManager entityManager, Supplier<R> work) {
    Objects.requireNonNull(work, "work");
    if (!entityManager.isJoinedToTransaction()) {
      throw new IllegalStateException("the EntityManager has no active transaction: begin it first");
    }
    // Hibernate holds a transaction's connection until it ends, so it stays valid for the work.
    Connection connection = entityManager.unwrap(Session.class).doReturningWork(c -> c);
    return transactor.joining(connection, work);
  }

  @Override
  public TenantRepository tenants() {
    return tenants;
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  @Override
  public FeeRepository fees() {
    return fees;
  }

  @Override
  public InventoryRepository inventory() {
    return inventory;
  }

  /** @return the transaction runner the repositories share */
  Transactor transactor() {
    return transactor;
  }

  /** @return the Hibernate session factory the adapter reads through, for the adapter's tests */
  SessionFactory sessionFactory() {
    return sessionFactory;
  }

  /**
   * Closes the Hibernate session factory this adapter built. The host's {@code DataSource}, or
   * {@code EntityManagerFactory}, stays open. Calls after closing fail with {@link
   * StorageException}, unless the adapter was built on the host's {@code EntityManagerFactory},
   * which only the host closes. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (ownsSessionFactory && !sessionFactory.isClosed()) {
      sessionFactory.close();
    }
  }

  /** Builds a {@link JpaPersistence}. Immutable: every setter returns a new builder. */
  public static final class Builder {

    private final DataSource dataSource;
    private final @Nullable SessionFactory hostSessions;
    private final boolean migrate;
    private final @Nullable HostTransactions hostTransactions;

    private Builder(DataSource dataSource, @Nullable SessionFactory hostSessions, boolean migrate,
        @Nullable HostTransactions hostTransactions) {
      this.dataSource = dataSource;
      this.hostSessions = hostSessions;
      this.migrate = migrate;
      this.hostTransactions = hostTransactions;
    }

    /**
     * @param migrate true (the default, {@link #DEFAULT_MIGRATE}) to bring the schema up to date
     *     on {@link #build()}; false when the host runs the migrations itself, in which case
     *     {@link #build()} checks that the schema is current
     * @return a builder with this choice
     */
    public Builder migrate(boolean migrate) {
      return new Builder(dataSource, hostSessions, migrate, hostTransactions);
    }

    /**
     * @param hostTransactions where the host's transactions are found, that repository calls
     *     join; by default {@link HostTransactions#springManaged(DataSource)} on the data source
     *     when spring-jdbc is on the class path, {@link HostTransactions#none()} otherwise
     * @return a builder with this choice
     */
    public Builder hostTransactions(HostTransactions hostTransactions) {
      return new Builder(dataSource, hostSessions, migrate,
          Objects.requireNonNull(hostTransactions, "hostTransactions"));
    }

    /**
     * @return the adapter, ready to use
     * @throws StorageException if the database cannot be reached or a migration fails
     * @throws IllegalStateException if {@code migrate(false)} was asked for and the schema is not
     *     at the version this adapter needs
     */
    public JpaPersistence build() {
      try {
        if (migrate) {
          // A schema at the newest version needs no Flyway run, and so logs nothing.
          if (!SchemaVersion.isCurrent(dataSource)) {
            flyway(dataSource).migrate();
          }
        } else {
          ValidateResult result = flyway(dataSource).validateWithResult();
          if (!result.validationSuccessful) {
            throw new IllegalStateException("the Ledgerkit schema is not current (run the "
                + "migrations, or build with migrate(true)): " + result.getAllErrorMessages());
          }
        }
        HostTransactions hosts = hostTransactions != null ? hostTransactions
            : SpringPresence.DETECTED ? SpringTransactions.on(dataSource)
            : HostTransactions.none();
        return hostSessions != null
            ? new JpaPersistence(hostSessions, false, dataSource, hosts)
            : new JpaPersistence(sessionFactory(dataSource), true, dataSource, hosts);
      } catch (IllegalStateException | StorageException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StorageException("could not set up the PostgreSQL store: " + e.getMessage(), e);
      }
    }

    private static Flyway flyway(DataSource dataSource) {
      return Flyway.configure(JpaPersistence.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATION_LOCATION)
          .table(SCHEMA_HISTORY_TABLE)
          // The host's schema usually holds its own tables already; ours start at V1 beside them.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          // No loggers(..): Flyway's default picks SLF4J whenever the host has an SLF4J binding,
          // and the setting is JVM-wide, so naming one here would override the host's own Flyway.
          .load();
    }

    private static SessionFactory sessionFactory(DataSource dataSource) {
      SchemaVersion.Server server = SchemaVersion.server(dataSource);
      StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
          // Only our settings: a host's hibernate.properties or -Dhibernate.* is for its own use.
          .clearSettings()
          // Hibernate's start-up report at INFO (a dozen lines on the database, then "no JTA
          // platform") has no setting to turn it off: the environment reports at DEBUG instead,
          // and the platform is given as a service, so no initiator looks for one and says so.
          .addInitiator(new QuietJdbcEnvironment())
          .addService(JtaPlatform.class, NoJtaPlatform.INSTANCE)
          .applySetting(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
          // The server's real version, read here, instead of Hibernate's own metadata access on
          // boot: the dialect follows the server, not the oldest PostgreSQL Hibernate supports.
          .applySetting(JdbcSettings.ALLOW_METADATA_ON_BOOT, false)
          .applySetting(JdbcSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
          .applySetting(JdbcSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, server.major())
          .applySetting(JdbcSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, server.minor())
          // Every failure reaches the caller as a typed exception with the driver's as its cause;
          // Hibernate's own log of it would say it twice, quoting what the server said (data).
          .applySetting(JdbcSettings.LOG_JDBC_ERRORS, false)
          .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, "none")
          .applySetting(ValidationSettings.JAKARTA_VALIDATION_MODE, "none")
          .build();
      try {
        MetadataSources sources = new MetadataSources(registry);
        MANAGED_CLASSES.forEach(sources::addAnnotatedClass);
        return sources.buildMetadata().buildSessionFactory();
      } catch (RuntimeException e) {
        StandardServiceRegistryBuilder.destroy(registry);
        throw e;
      }
    }
  }
}
