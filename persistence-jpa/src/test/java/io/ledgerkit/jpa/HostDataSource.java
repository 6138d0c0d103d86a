package io.ledgerkit.jpa;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A host's data source as tests need one: it can be shut down (every later connection request
 * fails as a closed pool's would), and it can set a session time zone on each new connection,
 * as pools do with an init statement.
 */
final class HostDataSource implements DataSource {

  private final DataSource delegate;
  private final String sessionTimeZone;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  private HostDataSource(DataSource delegate, String sessionTimeZone) {
    this.delegate = delegate;
    this.sessionTimeZone = sessionTimeZone;
  }

  /** @return a data source on the test server that can be shut down */
  static HostDataSource onTestServer() {
    return new HostDataSource(TestDatabase.dataSource(), null);
  }

  /**
   * @param zone an IANA zone id
   * @return a data source on the test server whose sessions run in that time zone
   */
  static HostDataSource withSessionTimeZone(String zone) {
    return new HostDataSource(TestDatabase.dataSource(), zone);
  }

  /** From now on, every connection request fails. */
  void shutDown() {
    shutDown.set(true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (shutDown.get()) {
      throw new SQLException("the data source has been shut down", "08003");
    }
    Connection connection = delegate.getConnection();
    if (sessionTimeZone != null) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set time zone '" + sessionTimeZone + "'");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("one user only");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
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
