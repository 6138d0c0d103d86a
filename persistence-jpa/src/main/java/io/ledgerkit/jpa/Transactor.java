package io.ledgerkit.jpa;

import io.ledgerkit.ConflictException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one unit of work in one database transaction that Hibernate and jOOQ share: a session is
 * opened, its transaction begun, and jOOQ runs on the session's own JDBC connection, so both see
 * the same uncommitted state and commit or roll back together.
 *
 * <p>When the calling thread runs in a host's transaction (a host's connection bound by {@link
 * #joining}, or what {@link HostTransactions} finds), the work runs on that transaction's
 * connection instead, inside a savepoint: on success the savepoint is released and the host's
 * commit or rollback decides; on failure the work is rolled back to its savepoint, so that an
 * expected error (a unique violation met by an update) does not abort the host's whole
 * transaction. Such work is never run again: the host's locks and snapshot would stay the same,
 * and a deadlock or serialization failure is the host's transaction failing, for the host to
 * retry.
 *
 * <p>A transaction of the adapter's own that the server aborted as a deadlock victim or for a
 * serialization failure is run again, a few times. Whatever else fails is rolled back and
 * translated: a unique violation (SQLState 23505) into the {@link ConflictException} the caller's
 * {@link ConflictMapper} builds, anything else into a {@link StorageException} with the original
 * as cause. The message of a {@code StorageException} names the operation and the SQLState only:
 * the server's own message may quote the row, with customer data, and belongs to the cause.
 * Thread-safe.
 */
final class Transactor {

  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  /**
   * How often a transaction the server aborted to resolve a deadlock or a serialization failure
   * is run again. Such a transaction was rolled back completely, so running it again is safe.
   */
  static final int MAX_ATTEMPTS = 3;

  private final SessionFactory sessions;
  private final DataSource dataSource;
  private final HostTransactions hostTransactions;
  /** The host connection {@link #joining} bound to the calling thread, if any. */
  private final ThreadLocal<@Nullable Connection> joined = new ThreadLocal<>();
  private final Settings jooqSettings;

  Transactor(SessionFactory sessions, DataSource dataSource, HostTransactions hostTransactions) {
    this.sessions = sessions;
    this.dataSource = dataSource;
    this.hostTransactions = hostTransactions;
    this.jooqSettings = new Settings()
        .withExecuteLogging(false)
        .withRenderSchema(false);
  }

  /** A unit of work inside the transaction. */
  @FunctionalInterface
  interface Work<R> {
    R run(Tx tx);
  }

  /** One statement's work on a plain JDBC connection. */
  @FunctionalInterface
  interface StatementWork<R> {
    R run(Connection connection) throws SQLException;
  }

  /** Builds the domain's conflict for a unique violation met by one operation. */
  @FunctionalInterface
  interface ConflictMapper {
    ConflictException conflict(StorageErrors.UniqueViolation violation, Throwable cause);
  }

  /**
   * @param operation what is done, for error messages
   * @param conflicts how a unique violation is reported
   * @param work the work; it must not keep the session or connection beyond its return, and may
   *     run more than once (after a rollback) in a transaction of the adapter's own
   * @return what the work returned, once committed (in a host's transaction: once its savepoint
   *     is released; the host's commit decides)
   * @throws ConflictException if the work met a unique violation; nothing was written
   * @throws StorageException if anything else failed; nothing was written
   */
  <R> R inTransaction(String operation, ConflictMapper conflicts, Work<R> work) {
    Connection host = hostConnection();
    if (host != null) {
      return inHostTransaction(host, operation, conflicts, work);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (RuntimeException e) {
        if (attempt < MAX_ATTEMPTS && StorageErrors.isTransient(e)) {
          continue;
        }
        throw translate(operation, conflicts, e);
      }
    }
  }

  /** A filtered listing: its total and one slice of it, each one query. */
  interface Listing<T> {
    long count(Connection connection) throws SQLException;

    List<T> page(Connection connection, int offset, int limit) throws SQLException;
  }

  /**
   * Reads one page of a listing with its total, both in one snapshot so that the total matches the
   * items, in a transaction as {@link #inTransaction} runs one.
   *
   * @param operation what is done, for error messages
   * @param conflicts how a unique violation is reported (a read meets none)
   * @param listing the listing
   * @param page which slice
   * @return the slice and the total
   */
  <T> Page<T> page(String operation, ConflictMapper conflicts, Listing<T> listing,
      PageRequest page) {
    return inTransaction(operation, conflicts, tx -> tx.session().doReturningWork(connection -> {
      tx.snapshotReads(connection);
      long total = listing.count(connection);
      List<T> items = listing.page(connection, page.offset(), page.limit());
      return new Page<>(items, total, page.offset(), page.limit());
    }));
  }

  /**
   * The fast path for work that is one statement, atomic on its own: on a connection of the data
   * source in auto-commit, without a Hibernate session or a transaction of its own (one round
   * trip); in a host's transaction, on its connection inside a savepoint, as {@link
   * #inTransaction} does. A deadlock or serialization failure outside a host's transaction is run
   * again; everything else is translated as {@link #inTransaction} does.
   *
   * @param operation what is done, for error messages
   * @param conflicts how a unique violation is reported
   * @param work exactly one statement (or reads only); it may run more than once
   * @return what the work returned
   * @throws ConflictException if the statement met a unique violation; nothing was written
   * @throws StorageException if anything else failed; nothing was written
   */
  <R> R statement(String operation, ConflictMapper conflicts, StatementWork<R> work) {
    if (sessions.isClosed()) {
      throw new StorageException("PostgreSQL store failed in " + operation + " (closed adapter)",
          new IllegalStateException("the adapter is closed"));
    }
    Connection host = hostConnection();
    for (int attempt = 1; ; attempt++) {
      try {
        return host != null ? inSavepoint(host, work) : onPooledConnection(work);
      } catch (SQLException | RuntimeException e) {
        if (host == null && attempt < MAX_ATTEMPTS && StorageErrors.isTransient(e)) {
          continue;
        }
        throw translate(operation, conflicts, e);
      }
    }
  }

  private <R> R onPooledConnection(StatementWork<R> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (connection.getAutoCommit()) {
        return work.run(connection);
      }
      try {
        R result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  private static <R> R inSavepoint(Connection connection, StatementWork<R> work)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      R result = work.run(connection);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException | RuntimeException e) {
      rollBackTo(connection, savepoint, e);
      throw e;
    }
  }

  private @Nullable Connection hostConnection() {
    Connection host = joined.get();
    return host != null ? host : hostTransactions.current().orElse(null);
  }

  /**
   * Runs work with the calling thread bound to a host's connection: every repository call in it
   * joins that connection's transaction.
   *
   * @param connection the connection of the host's active transaction
   * @param work what runs joined
   * @return what the work returned
   */
  <R> R joining(Connection connection, Supplier<R> work) {
    @Nullable Connection outer = joined.get();
    joined.set(connection);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        joined.remove();
      } else {
        joined.set(outer);
      }
    }
  }

  private <R> R inHostTransaction(
      Connection connection, String operation, ConflictMapper conflicts, Work<R> work) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      // E.g. 25P02: the host's transaction was aborted before this call.
      throw translate(operation, conflicts, e);
    }
    try {
      R result;
      Session session = sessions.withOptions().connection(connection).openSession();
      try {
        result = work.run(new Tx(session, jooqSettings, false));
      } finally {
        // Leaves the connection open: it is the host's.
        session.close();
      }
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (RuntimeException | SQLException e) {
      rollBackTo(connection, savepoint, e);
      throw translate(operation, conflicts, e);
    } catch (Error e) {
      rollBackTo(connection, savepoint, e);
      throw e;
    }
  }

  private static void rollBackTo(Connection connection, Savepoint savepoint, Throwable failure) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException | RuntimeException e) {
      // The host's transaction is then aborted; its commit will fail, as it should.
      failure.addSuppressed(e);
    }
  }

  private <R> R once(Work<R> work) {
    Session session = sessions.openSession();
    Transaction transaction = null;
    R result;
    try {
      transaction = session.beginTransaction();
      result = work.run(new Tx(session, jooqSettings, true));
      transaction.commit();
    } catch (RuntimeException | Error e) {
      rollBack(transaction, e);
      close(session, e);
      throw e;
    }
    close(session, null);
    return result;
  }

  private static void rollBack(@Nullable Transaction transaction, Throwable failure) {
    try {
      if (transaction != null && transaction.getStatus().canRollback()) {
        transaction.rollback();
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void close(Session session, @Nullable Throwable failure) {
    try {
      session.close();
    } catch (RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        // The transaction committed; only handing the connection back failed.
        LOG.warn("closing a committed Hibernate session failed", e);
      }
    }
  }

  private static LedgerkitException translate(
      String operation, ConflictMapper conflicts, Exception failure) {
    if (failure instanceof LedgerkitException known) {
      return known;
    }
    Optional<StorageErrors.UniqueViolation> violation = StorageErrors.uniqueViolation(failure);
    if (violation.isPresent()) {
      return conflicts.conflict(violation.get(), failure);
    }
    String state = StorageErrors.sqlStateOf(failure).map(code -> " (SQLState " + code + ")")
        .orElse(" (" + failure.getClass().getSimpleName() + ")");
    return new StorageException("PostgreSQL store failed in " + operation + state, failure);
  }

  /** The transaction's view: the Hibernate session, and jOOQ on the same connection. */
  static final class Tx {
    private static final String SNAPSHOT_READS =
        "set transaction isolation level repeatable read, read only";

    private final Session session;
    private final Settings jooqSettings;
    private final boolean own;

    private Tx(Session session, Settings jooqSettings, boolean own) {
      this.session = session;
      this.jooqSettings = jooqSettings;
      this.own = own;
    }

    /**
     * Makes the rest of the adapter's own transaction one read-only {@code REPEATABLE READ}
     * snapshot, so that several reads agree. Does nothing in a host's transaction, whose
     * isolation level and access mode are the host's.
     *
     * @param dsl jOOQ on this transaction's connection, before any other statement ran
     */
    void snapshotReads(DSLContext dsl) {
      if (own) {
        dsl.execute(SNAPSHOT_READS);
      }
    }

    /**
     * As {@link #snapshotReads(DSLContext)}, for plain JDBC work.
     *
     * @param connection this transaction's connection, before any other statement ran
     * @throws SQLException if the server refused
     */
    void snapshotReads(Connection connection) throws SQLException {
      if (own) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(SNAPSHOT_READS);
        }
      }
    }

    /** @return the session whose transaction is running */
    Session session() {
      return session;
    }

    /**
     * @param query jOOQ work on the session's connection, inside its transaction
     * @return what the query returned
     */
    <R> R sql(Function<DSLContext, R> query) {
      return session.doReturningWork(
          connection -> query.apply(DSL.using(connection, SQLDialect.POSTGRES, jooqSettings)));
    }
  }
}
