package io.ledgerkit.customer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.ConflictException;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.StorageException;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whatever an adapter lets slip reaches the host as a StorageException, never as its own type. */
class StorageFailureTest {

  private static final IllegalStateException DRIVER_FAILURE = new IllegalStateException("socket closed");
  private static final Caller OWNER = Caller.of("t", "u", Role.OWNER);

  @Test
  void anUnmappedAdapterFailureBecomesAStorageException() {
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter(new FailingCustomers())).build();

    StorageException e = assertThrows(StorageException.class,
        () -> ledgerkit.customers().create(OWNER, CustomerDraft.named("Someone")));
    DriverFailure cause = assertInstanceOf(DriverFailure.class, e.getCause());
    assertEquals(IllegalStateException.class.getName(), cause.driverType());
    assertFalse(cause.getMessage().contains("socket closed"), "the driver's message is withheld");
    assertArrayEquals(DRIVER_FAILURE.getStackTrace(), cause.getStackTrace());
    assertThrows(StorageException.class, () -> ledgerkit.customers().findById(OWNER, UUID.randomUUID()));
  }

  @Test
  void theSdksOwnExceptionsPassUnchanged() {
    ConflictException conflict = new ConflictException("customer", TenantId.of("t"), null, "taken");
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter(new FailingCustomers() {
      @Override
      public CreateResult create(Customer candidate) {
        throw conflict;
      }
    })).build();

    assertSame(conflict, assertThrows(ConflictException.class,
        () -> ledgerkit.customers().create(OWNER, CustomerDraft.named("Someone"))));
  }

  @Test
  void aFailingTenantStoreBecomesAStorageException() {
    PersistenceAdapter broken = new PersistenceAdapter() {
      @Override
      public TenantRepository tenants() {
        return new KnownTenant() {
          @Override
          public Optional<Tenant> find(TenantId id) {
            throw DRIVER_FAILURE;
          }
        };
      }

      @Override
      public CustomerRepository customers() {
        return new FailingCustomers();
      }
    };
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(broken).build();

    assertEquals(IllegalStateException.class.getName(), assertInstanceOf(DriverFailure.class,
        assertThrows(StorageException.class,
            () -> ledgerkit.customers().list(OWNER, CustomerFilter.all())).getCause()).driverType());
  }

  private static PersistenceAdapter adapter(CustomerRepository customers) {
    return new PersistenceAdapter() {
      @Override
      public TenantRepository tenants() {
        return new KnownTenant();
      }

      @Override
      public CustomerRepository customers() {
        return customers;
      }
    };
  }

  /** Knows tenant "t" only. */
  private static class KnownTenant implements TenantRepository {
    @Override
    public boolean insert(Tenant tenant) {
      return false;
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
      Instant epoch = Instant.EPOCH;
      return Optional.of(new Tenant(id, TenantSettings.defaults(), epoch, epoch, 1));
    }

    @Override
    public boolean update(Tenant next, long expectedVersion) {
      return false;
    }
  }

  /** A store whose driver fails on every call. */
  private static class FailingCustomers implements CustomerRepository {
    @Override
    public CreateResult create(Customer candidate) {
      throw DRIVER_FAILURE;
    }

    @Override
    public CreateResult createIfAbsent(Customer candidate) {
      throw DRIVER_FAILURE;
    }

    @Override
    public Optional<Customer> findById(TenantId tenant, UUID id) {
      throw DRIVER_FAILURE;
    }

    @Override
    public Optional<Customer> findByPhone(TenantId tenant, String phone) {
      throw DRIVER_FAILURE;
    }

    @Override
    public Page<Customer> find(TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
      throw DRIVER_FAILURE;
    }

    @Override
    public boolean update(Customer next, long expectedVersion) {
      throw DRIVER_FAILURE;
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
      throw DRIVER_FAILURE;
    }
  }
}
