package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The Flyway migrations: what they create, and how they live beside the host's schema. */
class MigrationTest {

  @Test
  void theMigrationCreatesTheUniquePhoneIndex() throws SQLException {
    List<String> definitions = query(TestDatabase.pool(),
        "select indexdef from pg_indexes where schemaname = current_schema()"
            + " and tablename = 'ledgerkit_customer'"
            + " and indexname = 'ledgerkit_customer_tenant_phone_key'");

    assertEquals(1, definitions.size());
    assertTrue(definitions.get(0).startsWith("CREATE UNIQUE INDEX"), definitions.get(0));
    assertTrue(definitions.get(0).endsWith("(tenant_id, phone)"), definitions.get(0));
  }

  @Test
  void theNewestVersionTheAdapterKnowsIsTheNewestMigration() {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try {
      Flyway flyway = Flyway.configure(JpaPersistence.class.getClassLoader()).dataSource(schema)
          .locations(JpaPersistence.MIGRATION_LOCATION).table(JpaPersistence.SCHEMA_HISTORY_TABLE)
          .load();
      MigrationInfo[] pending = flyway.info().pending();
      assertEquals(SchemaVersion.NEWEST, pending[pending.length - 1].getVersion().getVersion());
      assertEquals(false, SchemaVersion.isCurrent(schema), "no history yet");
      JpaPersistence.create(schema).close();
      assertTrue(SchemaVersion.isCurrent(schema), "migrated");
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  @Test
  void theMigrationsAreRecordedInTheirOwnHistoryTable() throws SQLException {
    assertEquals(List.of("1", "2", "3", "4", "5"), query(TestDatabase.pool(),
        "select version from " + JpaPersistence.SCHEMA_HISTORY_TABLE
            + " where success and version is not null and version <> '0' order by installed_rank"));
  }

  @Test
  void theTablesAreCreatedBesideTheHostsOwnTablesAndFlywayHistory() throws SQLException {
    PGSimpleDataSource hostSchema = TestDatabase.freshSchema();
    try {
      TestDatabase.execute(hostSchema, "create table orders (id bigint primary key)");
      TestDatabase.execute(hostSchema, "create table flyway_schema_history (installed_rank int)");

      try (JpaPersistence persistence = JpaPersistence.create(hostSchema)) {
        TenantId tenant = aTenant();
        assertTrue(persistence.customers().create(aCandidate(tenant).build()).isNew());
      }

      assertEquals(List.of("flyway_schema_history", "ledgerkit_customer", "ledgerkit_fee",
          "ledgerkit_fee_event", "ledgerkit_movement", "ledgerkit_processed_event",
          "ledgerkit_schema_history", "ledgerkit_stock", "ledgerkit_tenant", "orders"),
          tablesOf(hostSchema));
    } finally {
      TestDatabase.dropSchema(hostSchema);
    }
  }

  @Test
  void aHostsFlywayOnItsDefaultLocationDoesNotSeeTheSdksMigrations() {
    // Spring Boot's Flyway, and Flyway's own default, scan classpath:db/migration recursively.
    PGSimpleDataSource hostSchema = TestDatabase.freshSchema();
    try {
      List<String> seen = new ArrayList<>();
      for (MigrationInfo migration : Flyway.configure().dataSource(hostSchema)
          .locations("classpath:db/migration").load().info().all()) {
        seen.add(migration.getScript());
      }
      assertEquals(List.of(), seen);
    } finally {
      TestDatabase.dropSchema(hostSchema);
    }
  }

  @Test
  void withoutMigratingTheBuildRefusesASchemaThatIsNotCurrent() {
    PGSimpleDataSource empty = TestDatabase.freshSchema();
    try {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> JpaPersistence.builder(empty).migrate(false).build());
      assertTrue(refused.getMessage().contains("not current"), refused.getMessage());

      JpaPersistence.create(empty).close();
      JpaPersistence.create(empty).close();
      JpaPersistence.builder(empty).migrate(false).build().close();
    } finally {
      TestDatabase.dropSchema(empty);
    }
  }

  private static List<String> tablesOf(DataSource dataSource) throws SQLException {
    return query(dataSource, "select table_name from information_schema.tables"
        + " where table_schema = current_schema() order by table_name");
  }

  private static List<String> query(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }
}
