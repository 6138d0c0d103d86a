package io.ledgerkit.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.tenant.TenantRepository;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Ledgerkit's records in MongoDB, through the host's {@link MongoClient}. Works on a standalone
 * server, a replica set or a sharded cluster (customers, fees, fee events and processed provider
 * notifications sharded by {@code tenantId}, stock movements too); it never needs a
 * multi-document transaction.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Every customer and tenant call reads or writes a single document, atomically; a customer
 *       create that meets a known phone merges into that customer in the same single-document
 *       step, so concurrent creates of one phone end as one customer.
 *   <li>A fee change is decided by one single-document write of the fee, which carries the
 *       change's audit event; the event is then copied into the log exactly once, and whatever a
 *       crash interrupts is finished when a {@link io.ledgerkit.Ledgerkit} is built on the
 *       adapter and before a fee's log is read. So no fee change exists without its event, nor an
 *       event without its change.
 *   <li>A stock movement is one insert that carries the item's stock after it, so a movement
 *       and its stock change are one: unless negative stock is allowed, a movement that would take
 *       stock below zero writes nothing, and concurrent writers never oversell. A transfer between
 *       stores ends with both legs or neither, also across a crash once a {@link
 *       io.ledgerkit.Ledgerkit} has been built on the adapter again.
 *   <li>One customer per phone per tenant, and one record of a provider's notification per
 *       tenant, source and event id, are enforced by unique indexes, never by a read-then-write
 *       check.
 *   <li>Writes are acknowledged by a majority of the replica set before a call returns; reads go
 *       to the primary. These are set on the adapter's own collections, whatever the host's client
 *       defaults are; so is the codec registry, so host codecs never change the stored format.
 *   <li>A key collision the SDK expects arrives as {@link io.ledgerkit.ConflictException}; every
 *       other driver failure as {@link StorageException} with the driver's exception as cause.
 * </ul>
 *
 * <p>Creating the adapter creates its collections' indexes if they are missing, so the database
 * must be reachable then. The adapter does not own the client: closing it is the host's job.
 * Thread-safe.
 *
 * <pre>{@code
 * Ledgerkit ledgerkit = Ledgerkit.builder()
 *     .persistence(MongoPersistence.create(mongoClient, "shop"))
 *     .build();
 * }</pre>
 */
public final class MongoPersistence implements PersistenceAdapter {

  /** The prefix of every collection name when none is given. */
  public static final String DEFAULT_COLLECTION_PREFIX = "ledgerkit_";
  /** The name of the tenant collection, after the prefix. */
  public static final String TENANTS = "tenants";
  /** The name of the customer collection, after the prefix. */
  public static final String CUSTOMERS = "customers";
  /** The name of the fee collection, after the prefix. */
  public static final String FEES = "fees";
  /** The name of the fee event collection (the audit log), after the prefix. */
  public static final String FEE_EVENTS = "fee_events";
  /**
   * The name of the collection of processed provider notifications (one per tenant, source and
   * event id), after the prefix.
   */
  public static final String PROCESSED_EVENTS = "processed_events";
  /** The name of the stock movement collection, after the prefix. */
  public static final String MOVEMENTS = "movements";
  /**
   * How long a transfer's destination leg may stay reserved before recovery decides the transfer
   * when nothing else is said: one minute.
   */
  public static final Duration DEFAULT_TRANSFER_RECOVERY_AGE = Duration.ofMinutes(1);

  private static final Pattern VALID_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,64}");

  private final MongoClient client;
  private final String databaseName;
  private final String collectionPrefix;
  private final MongoTenantRepository tenants;
  private final MongoCustomerRepository customers;
  private final MongoFeeRepository fees;
  private final MongoInventoryRepository inventory;

  private MongoPersistence(MongoPersistence unbound, ClientSession session) {
    this.client = unbound.client;
    this.databaseName = unbound.databaseName;
    this.collectionPrefix = unbound.collectionPrefix;
    this.tenants = unbound.tenants.inSession(session);
    this.customers = unbound.customers.inSession(session);
    this.fees = unbound.fees.inSession(session);
    this.inventory = unbound.inventory.inSession(session);
  }

  private MongoPersistence(MongoClient client, String databaseName, String collectionPrefix,
      Duration transferRecoveryAge) {
    this.client = client;
    this.databaseName = databaseName;
    this.collectionPrefix = collectionPrefix;
    MongoDatabase database = MongoErrors.call("opening the database", () -> client
        .getDatabase(databaseName)
        .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
        .withWriteConcern(WriteConcern.MAJORITY)
        .withReadConcern(ReadConcern.DEFAULT)
        .withReadPreference(ReadPreference.primary()));
    this.tenants = new MongoTenantRepository(database.getCollection(collectionPrefix + TENANTS));
    this.customers =
        new MongoCustomerRepository(database.getCollection(collectionPrefix + CUSTOMERS));
    this.fees = new MongoFeeRepository(database.getCollection(collectionPrefix + FEES),
        database.getCollection(collectionPrefix + FEE_EVENTS),
        database.getCollection(collectionPrefix + PROCESSED_EVENTS));
    this.inventory = new MongoInventoryRepository(
        database.getCollection(collectionPrefix + MOVEMENTS), transferRecoveryAge);
    MongoErrors.call("creating indexes", () -> {
      customers.createIndexes();
      fees.createIndexes();
      inventory.createIndexes();
      return null;
    });
  }

  /**
   * An adapter on the given database with the default collection prefix.
   *
   * @param client the host's client; not closed by the adapter
   * @param database the database name
   * @return the adapter, its indexes in place
   * @throws IllegalArgumentException if the database name is not a valid MongoDB database name
   * @throws StorageException if the indexes cannot be created
   */
  public static MongoPersistence create(MongoClient client, String database) {
    return builder(client, database).build();
  }

  /**
   * @param client the host's client; not closed by the adapter
   * @param database the database name
   * @return a builder with the defaults
   */
  public static Builder builder(MongoClient client, String database) {
    return new Builder(Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(database, "database"), DEFAULT_COLLECTION_PREFIX,
        DEFAULT_TRANSFER_RECOVERY_AGE);
  }

  /**
   * This adapter with every call made in the host's session, for a {@link
   * io.ledgerkit.Ledgerkit} the host builds for that unit of work. Where the server supports
   * transactions (a replica set or a sharded cluster) and the host has started one on the
   * session, the SDK's writes commit or abort with the host's:
   *
   * <pre>{@code
   * try (ClientSession session = client.startSession()) {
   *   session.startTransaction();
   *   Ledgerkit inSession = Ledgerkit.builder().persistence(persistence.inSession(session)).build();
   *   Customer customer = inSession.customers().create(caller, draft).customer();
   *   invoices.insertOne(session, new Document("customerId", customer.id().toString()));
   *   session.commitTransaction();     // or abortTransaction(): the customer goes too
   * }
   * }</pre>
   *
   * <p>The adapter never starts, commits or aborts a transaction, nor closes the session. Without
   * a transaction the session only gives causal consistency: each call is still atomic on its own
   * document. Inside one, MongoDB aborts the whole transaction on any error of the SDK's calls
   * ({@link io.ledgerkit.ConflictException} or {@link StorageException}); the adapter then
   * repeats nothing, and the host must abort (and may retry) its transaction. Costs no I/O, and
   * neither does building a {@code Ledgerkit} on it: the bound adapter runs no fee or inventory
   * recovery (the unbound one does, and a fee's pending event is finished before its log is read,
   * bound or not).
   *
   * @param session a session of the client this adapter was built on
   * @return an adapter on the same collections, bound to the session
   * @throws IllegalArgumentException if the session belongs to another client
   */
  public MongoPersistence inSession(ClientSession session) {
    Objects.requireNonNull(session, "session");
    if (session.getOriginator() != client) {
      throw new IllegalArgumentException("the session was started by another MongoClient");
    }
    return new MongoPersistence(this, session);
  }

  /** @return the database the adapter stores in */
  public String databaseName() {
    return databaseName;
  }

  /** @return the prefix of the adapter's collection names */
  public String collectionPrefix() {
    return collectionPrefix;
  }

  @Override
  public TenantRepository tenants() {
    return tenants;
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  /**
   * Fees and their audit log, correct without multi-document transactions: the fee document is
   * the commit point of every change and carries the change's event until it is copied into the
   * log; {@link FeeRepository#recover()} finishes copies a crash interrupted.
   */
  @Override
  public FeeRepository fees() {
    return fees;
  }

  /** @return the fee repository itself, for this module's tests (crash hook) */
  MongoFeeRepository feeRepository() {
    return fees;
  }

  /**
   * Stock movements and stock on hand, correct without multi-document transactions: each item's
   * movements form a chain in which every movement carries the stock after it, so recording a
   * movement is one insert; a transfer reserves its destination leg, appends its source leg (the
   * commit point) and commits the reservation, and {@link InventoryRepository#recover()} finishes
   * or aborts transfers a crash interrupted, so that each has both legs or neither.
   */
  @Override
  public InventoryRepository inventory() {
    return inventory;
  }

  /** @return the inventory repository itself, for this module's tests (crash hook) */
  MongoInventoryRepository inventoryRepository() {
    return inventory;
  }

  /**
   * Builds a {@link MongoPersistence}. Immutable: every setter returns a new builder, so a builder
   * can be shared and reused.
   */
  public static final class Builder {

    private final MongoClient client;
    private final String database;
    private final String collectionPrefix;
    private final Duration transferRecoveryAge;

    private Builder(MongoClient client, String database, String collectionPrefix,
        Duration transferRecoveryAge) {
      this.client = client;
      this.database = database;
      this.collectionPrefix = collectionPrefix;
      this.transferRecoveryAge = transferRecoveryAge;
    }

    /**
     * @param prefix put before every collection name; default {@link #DEFAULT_COLLECTION_PREFIX};
     *     letters, digits, {@code _}, {@code .} and {@code -}, at most 64 characters, may be empty
     * @return a builder with this prefix
     */
    public Builder collectionPrefix(String prefix) {
      return new Builder(client, database, Objects.requireNonNull(prefix, "prefix"),
          transferRecoveryAge);
    }

    /**
     * How long a transfer's destination leg may stay reserved before recovery (run when a {@link
     * io.ledgerkit.Ledgerkit} is built on the adapter) decides the transfer: it commits the
     * destination leg if the source leg was written, and otherwise aborts the transfer, which then
     * fails if it is still running. Both legs or neither either way; the age only keeps recovery
     * from interrupting transfers in progress on other instances. Measured by this process's
     * clock against the clock of the process that made the reservation.
     *
     * @param age at least zero; default {@link #DEFAULT_TRANSFER_RECOVERY_AGE}
     * @return a builder with this age
     */
    public Builder transferRecoveryAge(Duration age) {
      return new Builder(client, database, collectionPrefix, Objects.requireNonNull(age, "age"));
    }

    /**
     * Checks the settings, then connects and creates missing indexes.
     *
     * @return the adapter
     * @throws IllegalArgumentException if the database name or the prefix is invalid, or the
     *     transfer recovery age negative
     * @throws StorageException if the indexes cannot be created
     */
    public MongoPersistence build() {
      if (database.isBlank() || database.length() > 63
          || database.chars().anyMatch(c -> "/\\. \"$".indexOf(c) >= 0 || c == 0)) {
        throw new IllegalArgumentException("'" + database + "' is not a valid MongoDB database name");
      }
      if (!VALID_PREFIX.matcher(collectionPrefix).matches()
          || collectionPrefix.startsWith("system.")) {
        throw new IllegalArgumentException("'" + collectionPrefix
            + "' is not a valid collection prefix: use up to 64 letters, digits, '_', '.' or '-'");
      }
      if (transferRecoveryAge.isNegative()) {
        throw new IllegalArgumentException("the transfer recovery age must not be negative");
      }
      return new MongoPersistence(client, database, collectionPrefix, transferRecoveryAge);
    }
  }
}
