package io.ledgerkit.testkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.PooledConnection;

/**
 * A minimal connection pool on the JDBC pooling SPI, so that tests run as hosts do (reusing
 * connections) without a pool library. Unbounded: tests open few connections at once. A
 * connection the driver reports broken is closed instead of reused.
 */
public final class TestPool implements DataSource {

  private final ConnectionPoolDataSource source;
  private final ConcurrentLinkedQueue<PooledConnection> idle = new ConcurrentLinkedQueue<>();
  private final Set<PooledConnection> broken = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));
  private final ConnectionEventListener listener = new ConnectionEventListener() {
    @Override
    public void connectionClosed(ConnectionEvent event) {
      PooledConnection physical = (PooledConnection) event.getSource();
      if (broken.remove(physical)) {
        discard(physical);
      } else {
        idle.offer(physical);
      }
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
      broken.add((PooledConnection) event.getSource());
    }
  };

  /**
   * @param source the driver's pooling data source
   */
  public TestPool(ConnectionPoolDataSource source) {
    this.source = source;
  }

  @Override
  public Connection getConnection() throws SQLException {
    PooledConnection physical = idle.poll();
    if (physical == null) {
      physical = source.getPooledConnection();
      physical.addConnectionEventListener(listener);
    }
    return physical.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool has one user");
  }

  private static void discard(PooledConnection physical) {
    try {
      physical.close();
    } catch (SQLException e) {
      // Already broken; nothing more to release.
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
