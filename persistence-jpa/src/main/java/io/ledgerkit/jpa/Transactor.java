package io.ledgerkit.jpa;

import io.ledgerkit.ConflictException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.StorageException;
import java.util.Optional;
import java.util.function.Function;
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
 * <p>A transaction the server aborted as a deadlock victim or for a serialization failure is run
 * again, a few times. Whatever else fails is rolled back and translated: a unique violation
 * (SQLState 23505) into the {@link ConflictException} the caller's {@link ConflictMapper} builds,
 * anything else into a {@link StorageException} with the original as cause. The message of a
 * {@code StorageException} names the operation and the SQLState only: the server's own message
 * may quote the row, with customer data, and belongs to the cause. Thread-safe.
 */
final class Transactor {

  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

  /**
   * How often a transaction the server aborted to resolve a deadlock or a serialization failure
   * is run again. Such a transaction was rolled back completely, so running it again is safe.
   */
  static final int MAX_ATTEMPTS = 3;

  private final SessionFactory sessions;
  private final Settings jooqSettings;

  Transactor(SessionFactory sessions) {
    this.sessions = sessions;
    this.jooqSettings = new Settings()
        .withExecuteLogging(false)
        .withRenderSchema(false);
  }

  /** A unit of work inside the transaction. */
  @FunctionalInterface
  interface Work<R> {
    R run(Tx tx);
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
   *     run more than once (after a rollback)
   * @return what the work returned, once committed
   * @throws ConflictException if the work met a unique violation; nothing was written
   * @throws StorageException if anything else failed; nothing was written
   */
  <R> R inTransaction(String operation, ConflictMapper conflicts, Work<R> work) {
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

  private <R> R once(Work<R> work) {
    Session session = sessions.openSession();
    Transaction transaction = null;
    R result;
    try {
      transaction = session.beginTransaction();
      result = work.run(new Tx(session, jooqSettings));
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
      String operation, ConflictMapper conflicts, RuntimeException failure) {
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
    private final Session session;
    private final Settings jooqSettings;

    private Tx(Session session, Settings jooqSettings) {
      this.session = session;
      this.jooqSettings = jooqSettings;
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
