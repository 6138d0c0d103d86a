package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvents;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Migration V2 (fees): from a schema at V1 with data in it, and what it creates. */
class JpaFeeMigrationTest {

  @Test
  void aSchemaAtV1WithCustomersIsMigratedToV2AndKeepsThem() throws SQLException {
    PGSimpleDataSource schema = TestDatabase.freshSchema();
    try {
      // What an installation of the previous release holds: V1 only, a tenant and a customer.
      adaptersFlyway(schema).target("1").load().migrate();
      UUID customer = UUID.randomUUID();
      TestDatabase.execute(schema, "insert into ledgerkit_tenant (tenant_id, created_at,"
          + " updated_at, version) values ('library-1', now(), now(), 1)");
      TestDatabase.execute(schema, "insert into ledgerkit_customer (id, tenant_id, name, phone,"
          + " created_at, updated_at, version) values ('" + customer + "', 'library-1', 'Asha',"
          + " '+919876500001', now(), now(), 1)");
      assertEquals(List.of("ledgerkit_customer", "ledgerkit_schema_history", "ledgerkit_tenant"),
          query(schema, "select table_name from information_schema.tables"
              + " where table_schema = current_schema() order by table_name"));
      assertFalse(SchemaVersion.isCurrent(schema), "V1 is not the newest");
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> JpaPersistence.builder(schema).migrate(false).build());
      assertTrue(refused.getMessage().contains("not current"), refused.getMessage());

      try (JpaPersistence persistence = JpaPersistence.create(schema)) {
        assertTrue(SchemaVersion.isCurrent(schema));
        assertEquals(List.of("1", "2", "3", "4", "5"), query(schema, "select version from "
            + JpaPersistence.SCHEMA_HISTORY_TABLE
            + " where success and version <> '0' order by installed_rank"));
        TenantId tenant = TenantId.of("library-1");
        assertEquals("Asha", persistence.customers().findById(tenant, customer).orElseThrow()
            .name());

        Ledgerkit ledgerkit = Ledgerkit.builder().persistence(persistence).build();
        Caller staff = Caller.of("library-1", "staff-1", Role.STAFF);
        Fee fee = ledgerkit.fees().assess(staff,
            FeeDraft.forUser("member-1").withAmount("2.50").withLoanId("loan-1")).fee();
        ledgerkit.fees().waive(staff, fee.id(), "first fee after the upgrade");
        assertEquals(FeeStatus.WAIVED, FeeEvents.replay(ledgerkit.fees().history(staff, fee.id())));
      }
      JpaPersistence.builder(schema).migrate(false).build().close();
    } finally {
      TestDatabase.dropSchema(schema);
    }
  }

  @Test
  void everyIndexStartsWithTheTenantThePrimaryKeysToo() throws SQLException {
    List<String> definitions = query(TestDatabase.pool(), "select indexname || ' ' || indexdef"
        + " from pg_indexes where schemaname = current_schema()"
        + " and tablename like 'ledgerkit%' and tablename <> 'ledgerkit_schema_history'"
        + " and tablename <> 'ledgerkit_tenant' order by indexname");

    List<String> names = new ArrayList<>();
    for (String definition : definitions) {
      String name = definition.substring(0, definition.indexOf(' '));
      names.add(name);
      assertTrue(definition.contains("USING btree (tenant_id, "), definition);
    }
    assertEquals(List.of("ledgerkit_customer_pkey", "ledgerkit_customer_tenant_contact_email_idx",
        "ledgerkit_customer_tenant_created_idx", "ledgerkit_customer_tenant_name_idx",
        "ledgerkit_customer_tenant_phone_key", "ledgerkit_customer_tenant_tax_number_idx",
        "ledgerkit_fee_event_pkey", "ledgerkit_fee_event_tenant_fee_version_key",
        "ledgerkit_fee_pkey", "ledgerkit_fee_tenant_created_idx",
        "ledgerkit_fee_tenant_status_created_idx", "ledgerkit_fee_tenant_user_created_idx",
        "ledgerkit_fee_tenant_user_loan_key", "ledgerkit_movement_pkey",
        "ledgerkit_movement_tenant_item_timestamp_key", "ledgerkit_movement_tenant_timestamp_idx",
        "ledgerkit_processed_event_pkey", "ledgerkit_stock_pkey"), names);
    assertTrue(definitions.stream().anyMatch(definition -> definition.startsWith(
        "ledgerkit_fee_tenant_user_loan_key CREATE UNIQUE INDEX")
        && definition.endsWith("(tenant_id, user_id, loan_id) WHERE (loan_id IS NOT NULL)")),
        String.join("\n", definitions));
    assertTrue(definitions.stream().anyMatch(definition -> definition.startsWith(
        "ledgerkit_fee_event_tenant_fee_version_key CREATE UNIQUE INDEX")
        && definition.endsWith("(tenant_id, fee_id, fee_version)")),
        String.join("\n", definitions));
  }

  @Test
  void theAppendOnlyTriggerGuardsUpdateDeleteAndTruncate() throws SQLException {
    assertEquals(List.of("ledgerkit_fee_event_append_only"), query(TestDatabase.pool(),
        "select tgname from pg_trigger where tgrelid = 'ledgerkit_fee_event'::regclass"
            + " and not tgisinternal"));
    // BEFORE (2), UPDATE (16), DELETE (8), TRUNCATE (32), per statement (no ROW bit, 1).
    assertEquals(List.of("58"), query(TestDatabase.pool(), "select tgtype::int from pg_trigger"
        + " where tgname = 'ledgerkit_fee_event_append_only'"));
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration adaptersFlyway(
      DataSource dataSource) {
    return Flyway.configure(JpaPersistence.class.getClassLoader()).dataSource(dataSource)
        .locations(JpaPersistence.MIGRATION_LOCATION).table(JpaPersistence.SCHEMA_HISTORY_TABLE)
        .baselineOnMigrate(true).baselineVersion("0");
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
