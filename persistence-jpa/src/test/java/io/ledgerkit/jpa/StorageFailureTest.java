package io.ledgerkit.jpa;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static io.ledgerkit.testkit.CustomerCandidates.aTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.PageRequest;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;

/** A failing database reaches the caller as a StorageException, never as a driver exception. */
class StorageFailureTest {

  private final TenantId tenant = aTenant();

  @Test
  void anUnreachableServerFailsTheBuildWithAStorageException() throws IOException {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {closedPort()});
    nowhere.setConnectTimeout(5);

    assertStorageFailure(() -> JpaPersistence.create(nowhere));
    assertStorageFailure(() -> JpaPersistence.builder(nowhere).migrate(false).build());
  }

  @Test
  void everyCallOnAShutDownDataSourceIsAStorageException() {
    HostDataSource dataSource = HostDataSource.onTestServer();
    try (JpaPersistence persistence = JpaPersistence.builder(dataSource).migrate(false).build()) {
      dataSource.shutDown();
      CustomerRepository customers = persistence.customers();

      List<Executable> calls = List.of(
          () -> customers.create(aCandidate(tenant).withPhone("+4930123456").build()),
          () -> customers.createAll(List.of(aCandidate(tenant).build())),
          () -> customers.findById(tenant, UUID.randomUUID()),
          () -> customers.findByPhone(tenant, "+4930123456"),
          () -> customers.find(tenant, CustomerFilter.all(), PageRequest.FIRST,
              CustomerSort.NEWEST_FIRST),
          () -> customers.update(aCandidate(tenant).build(), 1),
          () -> customers.delete(tenant, UUID.randomUUID()),
          () -> persistence.tenants().insert(
              new Tenant(tenant, TenantSettings.defaults(), Instant.EPOCH, Instant.EPOCH, 1)),
          () -> persistence.tenants().find(tenant),
          () -> persistence.tenants().update(
              new Tenant(tenant, TenantSettings.defaults(), Instant.EPOCH, Instant.EPOCH, 2), 1));
      for (Executable call : calls) {
        StorageException failure = assertStorageFailure(call);
        assertTrue(causedBySqlException(failure), "the driver's exception is the cause");
      }
    }
  }

  @Test
  void aClosedAdapterFailsWithAStorageExceptionAndLeavesTheHostsDataSourceOpen()
      throws SQLException {
    HostDataSource dataSource = HostDataSource.onTestServer();
    JpaPersistence persistence = JpaPersistence.builder(dataSource).migrate(false).build();
    persistence.close();
    persistence.close();

    assertStorageFailure(() -> persistence.customers().findById(tenant, UUID.randomUUID()));
    try (Connection connection = dataSource.getConnection()) {
      assertTrue(connection.isValid(5));
    }
  }

  private static StorageException assertStorageFailure(Executable call) {
    StorageException failure = assertThrows(StorageException.class, call);
    assertEquals(StorageException.class, failure.getClass(), "not a conflict nor anything else");
    return failure;
  }

  /** The driver's exceptions are kept by type and stack trace, without their messages. */
  private static boolean causedBySqlException(Throwable failure) {
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DriverFailure driver && isSqlException(driver.driverType())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSqlException(String type) {
    try {
      return SQLException.class.isAssignableFrom(Class.forName(type));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
