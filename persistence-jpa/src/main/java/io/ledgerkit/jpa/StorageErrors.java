package io.ledgerkit.jpa;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognizes the failures the adapter expects: a unique violation (SQLState 23505), which is a
 * conflict, and a transaction the server aborted to break a deadlock or a serialization failure,
 * which is run again. Nothing else is recognized.
 */
final class StorageErrors {

  static final String UNIQUE_VIOLATION = "23505";
  /** The server aborted the transaction to break a deadlock. */
  static final String DEADLOCK_DETECTED = "40P01";
  /** The server aborted the transaction because it could not serialize it. */
  static final String SERIALIZATION_FAILURE = "40001";

  private StorageErrors() {}

  /**
   * Looks through the whole cause chain (Hibernate, jOOQ and driver exceptions wrap each other,
   * and a batch failure hides the server's error in {@link SQLException#getNextException()}).
   *
   * @param failure anything thrown while a transaction ran
   * @return the unique violation inside it, if it is one
   */
  static Optional<UniqueViolation> uniqueViolation(Throwable failure) {
    return sqlState(failure, UNIQUE_VIOLATION)
        .map(violation -> new UniqueViolation(constraintOf(violation)));
  }

  /**
   * @param failure anything thrown while a transaction ran
   * @return whether the server aborted the whole transaction in a way that running it again may
   *     cure (deadlock victim, serialization failure)
   */
  static boolean isTransient(Throwable failure) {
    return sqlState(failure, DEADLOCK_DETECTED).isPresent()
        || sqlState(failure, SERIALIZATION_FAILURE).isPresent();
  }

  /**
   * @param failure anything thrown while a transaction ran
   * @return the SQLState of the first SQL exception in its cause chain that has one
   */
  static Optional<String> sqlStateOf(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  private static Optional<SQLException> sqlState(Throwable failure, String state) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable current = failure;
    while (current != null && seen.put(current, Boolean.TRUE) == null) {
      if (current instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (state.equals(next.getSQLState())) {
            return Optional.of(next);
          }
        }
      }
      current = current.getCause();
    }
    return Optional.empty();
  }

  private static @Nullable String constraintOf(SQLException violation) {
    if (violation instanceof PSQLException psql) {
      ServerErrorMessage message = psql.getServerErrorMessage();
      return message == null ? null : message.getConstraint();
    }
    return null;
  }

  /**
   * A unique violation.
   *
   * @param constraint the violated constraint or index, when the driver reports it
   */
  record UniqueViolation(@Nullable String constraint) {

    /** @return whether the violated key is the customer's primary key, the id */
    boolean isPrimaryKey() {
      return Tables.CUSTOMER_PRIMARY_KEY.equals(constraint);
    }
  }
}
