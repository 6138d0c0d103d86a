package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ledgerkit.PageRequest;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Instants survive any JVM and session time zone: written under one pair of zones, they read
 * back identical under another, and the server holds exactly that instant.
 */
class TimeZoneTest {

  /** Half an hour after North America springs forward, and at its fall-back hour. */
  private static final Instant CREATED = Instant.parse("2026-03-08T07:30:00.123Z");
  private static final Instant UPDATED = Instant.parse("2026-11-01T05:30:00.999Z");

  @ParameterizedTest(name = "JVM {0}, session {1}")
  @CsvSource({
      "Asia/Kolkata, Asia/Kolkata",
      "Asia/Kolkata, Pacific/Chatham",
      "America/St_Johns, America/New_York",
      "UTC, Asia/Kathmandu"})
  void instantsReadBackIdenticalWhateverTheZones(String jvmZone, String sessionZone)
      throws SQLException {
    TenantId tenant = aTenant();
    Customer candidate = aCandidate(tenant).withPhone("+4930123456").at(CREATED).build();
    Customer written = new Customer(candidate.id(), tenant, candidate.name(), candidate.phone(),
        null, null, null, null, null, true, CREATED, UPDATED, 1);
    Tenant settings = new Tenant(tenant, TenantSettings.defaults(), CREATED, UPDATED, 1);
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
      HostDataSource dataSource = HostDataSource.withSessionTimeZone(sessionZone);
      try (JpaPersistence persistence = JpaPersistence.builder(dataSource).migrate(false).build()) {
        assertEquals(sessionZone, sessionZoneOf(dataSource));
        persistence.tenants().insert(settings);
        persistence.customers().create(written);

        assertEquals(Optional.of(settings), persistence.tenants().find(tenant));
        assertEquals(Optional.of(written), persistence.customers().findById(tenant, written.id()));
        assertEquals(List.of(written), listed(persistence, tenant));
        assertEquals(List.of(CREATED.toEpochMilli(), UPDATED.toEpochMilli()),
            epochMillisOnServer(dataSource, written.id()));
      }
    } finally {
      TimeZone.setDefault(original);
    }

    JpaPersistence utc = TestDatabase.persistence();
    assertEquals(Optional.of(settings), utc.tenants().find(tenant));
    assertEquals(Optional.of(written), utc.customers().findById(tenant, written.id()));
    assertEquals(List.of(written), listed(utc, tenant));
    assertEquals(CREATED, TestDatabase.rawStore().customers(tenant).get(0).get("createdAt"));
  }

  private static List<Customer> listed(JpaPersistence persistence, TenantId tenant) {
    return persistence.customers()
        .find(tenant, CustomerFilter.all(), PageRequest.FIRST, CustomerSort.NEWEST_FIRST)
        .items();
  }

  private static String sessionZoneOf(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("show timezone");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getString(1);
    }
  }

  /** Computed by the server from what it stores, independent of any client-side conversion. */
  private static List<Long> epochMillisOnServer(DataSource dataSource, UUID id)
      throws SQLException {
    String sql = "select (extract(epoch from created_at) * 1000)::bigint,"
        + " (extract(epoch from updated_at) * 1000)::bigint from ledgerkit_customer where id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, id);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return List.of(result.getLong(1), result.getLong(2));
      }
    }
  }
}
