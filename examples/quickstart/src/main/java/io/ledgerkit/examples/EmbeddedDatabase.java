package io.ledgerkit.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the examples run on: the server in {@code LEDGERKIT_PG_URL} when set (a JDBC URL,
 * with {@code LEDGERKIT_PG_USER} and {@code LEDGERKIT_PG_PASSWORD}), otherwise a throw-away
 * PostgreSQL started from Maven Central jars, which needs no installation.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private final DataSource dataSource;
  private final EmbeddedPostgres embedded;

  private EmbeddedDatabase(DataSource dataSource, EmbeddedPostgres embedded) {
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  /** @return whether {@link #start()} will use the server in {@code LEDGERKIT_PG_URL} */
  static boolean externalUrlGiven() {
    String url = System.getenv("LEDGERKIT_PG_URL");
    return url != null && !url.isBlank();
  }

  static EmbeddedDatabase start() {
    String url = System.getenv("LEDGERKIT_PG_URL");
    if (externalUrlGiven()) {
      PGSimpleDataSource external = new PGSimpleDataSource();
      external.setUrl(url);
      if (System.getenv("LEDGERKIT_PG_USER") != null) {
        external.setUser(System.getenv("LEDGERKIT_PG_USER"));
      }
      if (System.getenv("LEDGERKIT_PG_PASSWORD") != null) {
        external.setPassword(System.getenv("LEDGERKIT_PG_PASSWORD"));
      }
      return new EmbeddedDatabase(external, null);
    }
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      return new EmbeddedDatabase(postgres.getPostgresDatabase(), postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  String description() {
    return embedded == null ? "PostgreSQL at LEDGERKIT_PG_URL" : "embedded PostgreSQL on port " + embedded.getPort();
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
