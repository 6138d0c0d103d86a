package io.ledgerkit.jpa;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the adapter finds the host's transaction that the calling thread runs in, so that a
 * repository call joins it instead of running a transaction of its own.
 *
 * <p>When {@link #current()} gives a connection, the call runs on it inside a savepoint: its
 * writes commit or roll back with the host's transaction, and a call that fails rolls back to
 * its savepoint and leaves the host's transaction usable. The adapter never commits, rolls back
 * nor closes that connection, and never runs a call twice on it. When it gives nothing, the call
 * runs in a transaction of its own, as without a host.
 *
 * <p>{@link JpaPersistence#builder(DataSource)} joins Spring-managed transactions on that data
 * source by itself when Spring's JDBC support is on the class path ({@link
 * #springManaged(DataSource)}); another framework plugs in here, and {@link #none()} turns joining
 * off. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostTransactions {

  /**
   * @return the connection of the host's transaction active on the calling thread, or empty when
   *     the thread runs in none; the connection must stay open and in that transaction for as
   *     long as the transaction lasts
   */
  Optional<Connection> current();

  /** @return never a host transaction: every repository call runs in its own transaction */
  static HostTransactions none() {
    return Optional::empty;
  }

  /**
   * Joins the transaction that Spring's {@code DataSourceTransactionManager} or {@code
   * JpaTransactionManager} (one that knows this data source) runs on the calling thread, e.g.
   * under {@code @Transactional} or a {@code TransactionTemplate}.
   *
   * @param dataSource the data source the host's transaction manager manages
   * @return the join
   * @throws IllegalStateException if spring-jdbc is not on the class path
   */
  static HostTransactions springManaged(DataSource dataSource) {
    if (!SpringPresence.DETECTED) {
      throw new IllegalStateException("spring-jdbc is not on the class path");
    }
    return SpringTransactions.on(dataSource);
  }
}
