package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ledgerkit.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * Flyway and Hibernate log through SLF4J (Logback is this test JVM's binding), Hibernate's dialect
 * follows the server's real version, a host at INFO sees at most two lines when the adapter starts
 * on a current schema, and a failure reaches the caller as an exception without also being logged.
 */
class LoggingTest {

  @Test
  void flywayAndHibernateLogThroughSlf4jAndTheDialectFollowsTheServer() throws SQLException {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try (Capture flyway = Capture.of("org.flywaydb", Level.INFO);
        JpaPersistence persistence = JpaPersistence.create(schema)) {
      assertTrue(flyway.messages().stream().anyMatch(m -> m.contains("Successfully applied 5 migrations")),
          flyway.messages().toString());
      DatabaseVersion dialect = persistence.sessionFactory().unwrap(SessionFactoryImplementor.class)
          .getJdbcServices().getDialect().getVersion();
      assertEquals(serverVersion(schema), dialect.getDatabaseMajorVersion() + "."
          + dialect.getDatabaseMinorVersion());
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aHostBuildingOnACurrentSchemaAtInfoSeesAtMostTwoLines() {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try {
      try (Capture hibernate = Capture.of("org.hibernate", Level.INFO)) {
        JpaPersistence.create(schema).close();
        // Migrating, Flyway reports what it changes; Hibernate only its version, once per JVM.
        assertEquals(List.of(), hibernate.messages().stream()
            .filter(message -> !message.startsWith("HHH000412")).toList());
      }
      try (Capture flyway = Capture.of("org.flywaydb", Level.INFO);
          Capture hibernate = Capture.of("org.hibernate", Level.INFO);
          Capture adapter = Capture.of("io.ledgerkit", Level.INFO)) {
        JpaPersistence.create(schema).close();

        List<String> lines = new ArrayList<>();
        for (Capture capture : List.of(flyway, hibernate, adapter)) {
          // Lines as a console shows them: one event may hold many.
          capture.messages().forEach(message -> lines.addAll(message.lines().toList()));
        }
        assertTrue(lines.size() <= 2, lines.toString());
      }
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aStorageFailureIsThrownOnceAndNotLogged() {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try (JpaPersistence persistence = JpaPersistence.create(schema);
        Capture hibernate = Capture.of("org.hibernate", Level.INFO);
        Capture adapter = Capture.of("io.ledgerkit", Level.INFO)) {
      TestDatabase.execute(schema, "drop table ledgerkit_tenant cascade");

      assertThrows(StorageException.class, () -> persistence.tenants().find(aTenant()));

      assertEquals(List.of(), hibernate.messagesAtOrAbove(Level.WARN));
      assertEquals(List.of(), adapter.messagesAtOrAbove(Level.WARN));
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  /** @return the server's version as Hibernate prints it, e.g. {@code 18.4} */
  private static String serverVersion(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select current_setting('server_version_num')::int")) {
      row.next();
      int number = row.getInt(1);
      return number / 10000 + "." + number % 10000;
    }
  }

  /**
   * What one logger (and those below it) says at a level, for the time of a test, kept out of the
   * build's output.
   */
  private static final class Capture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousAdditivity;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private Capture(Logger logger) {
      this.logger = logger;
      this.previousLevel = logger.getLevel();
      this.previousAdditivity = logger.isAdditive();
    }

    static Capture of(String name, Level level) {
      Capture capture = new Capture((Logger) LoggerFactory.getLogger(name));
      capture.appender.start();
      capture.logger.addAppender(capture.appender);
      capture.logger.setLevel(level);
      capture.logger.setAdditive(false);
      return capture;
    }

    synchronized List<String> messages() {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    synchronized List<String> messagesAtOrAbove(Level level) {
      List<String> found = new ArrayList<>();
      for (ILoggingEvent event : appender.list) {
        if (event.getLevel().isGreaterOrEqual(level)) {
          found.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
        }
      }
      return found;
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
      logger.setLevel(previousLevel);
      logger.setAdditive(previousAdditivity);
      appender.stop();
    }
  }
}
