package io.ledgerkit.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The connection Spring's transaction manager bound to the data source for the transaction on
 * the calling thread. Spring is an optional dependency: this class is used only after {@link
 * SpringPresence} found Spring.
 */
final class SpringTransactions implements HostTransactions {

  private final DataSource key;

  private SpringTransactions(DataSource key) {
    this.key = key;
  }

  static HostTransactions on(DataSource dataSource) {
    // Spring's transaction managers bind the proxy's target, never the proxy.
    DataSource key = dataSource instanceof TransactionAwareDataSourceProxy proxy
        && proxy.getTargetDataSource() != null ? proxy.getTargetDataSource() : dataSource;
    return new SpringTransactions(key);
  }

  @Override
  public Optional<Connection> current() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return Optional.empty();
    }
    // Absent when the active transaction is another data source's: the call then runs alone.
    if (TransactionSynchronizationManager.getResource(key) instanceof ConnectionHolder holder) {
      Connection connection = holder.getConnection();
      // A connection Spring merely lent out for the transaction's duration, not in it.
      return inTransaction(connection) ? Optional.of(connection) : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean inTransaction(Connection connection) {
    try {
      return !connection.getAutoCommit();
    } catch (SQLException e) {
      // A broken connection: the call fails on it as part of the host's transaction.
      return true;
    }
  }

  @Override
  public String toString() {
    return "Spring-managed transactions on " + key;
  }
}
