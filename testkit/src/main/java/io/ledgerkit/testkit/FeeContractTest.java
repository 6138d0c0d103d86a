package io.ledgerkit.testkit;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fee contract every persistence adapter passes (domain rules, sections 1, 3 and 6). Extend
 * it, return the adapter under test and a {@link FeeRawStore} reading the same store. Every test
 * registers fresh random tenants, so the store need not be emptied between tests.
 */
public abstract class FeeContractTest {

  /** Where the clock starts: with microseconds, which the SDK must cut to milliseconds. */
  protected static final Instant START = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** The clock of the SDK under test. */
  protected SettableClock clock;
  /** The payment gateway of the SDK under test. */
  protected FakePaymentGateway gateway;
  /** The SDK under test, on {@link #adapter()}. */
  protected Ledgerkit ledgerkit;
  /** Shortcut to {@code ledgerkit.fees()}. */
  protected FeeService fees;
  /** A fresh tenant. */
  protected TenantId tenant;
  /** A second fresh tenant. */
  protected TenantId otherTenant;
  /** OWNER of {@link #tenant}. */
  protected Caller owner;
  /** STAFF of {@link #tenant}. */
  protected Caller staff;
  /** SYSTEM caller of {@link #tenant}, as a payment webhook runs. */
  protected Caller system;
  /** MEMBER {@code member-1} of {@link #tenant}. */
  protected Caller member;
  /** MEMBER {@code member-2} of {@link #tenant}. */
  protected Caller otherMember;
  /** OWNER of {@link #otherTenant}. */
  protected Caller otherOwner;

  /** @return the adapter under test; may be the same instance for every test */
  protected abstract PersistenceAdapter adapter();

  /** @return a reader of the same store that bypasses the adapter */
  protected abstract FeeRawStore rawFees();

  @BeforeEach
  void setUpFees() {
    clock = new SettableClock(START);
    gateway = new FakePaymentGateway();
    ledgerkit = Ledgerkit.builder().persistence(adapter()).clock(clock).paymentGateway(gateway)
        .build();
    fees = ledgerkit.fees();
    tenant = registerTenant();
    otherTenant = registerTenant();
    owner = new Caller(tenant, "owner-1", Set.of(Role.OWNER));
    staff = new Caller(tenant, "staff-1", Set.of(Role.STAFF));
    system = new Caller(tenant, "system", Set.of(Role.SYSTEM));
    member = new Caller(tenant, "member-1", Set.of(Role.MEMBER));
    otherMember = new Caller(tenant, "member-2", Set.of(Role.MEMBER));
    otherOwner = new Caller(otherTenant, "owner-2", Set.of(Role.OWNER));
  }

  /** @return the id of a freshly registered tenant */
  protected TenantId registerTenant() {
    TenantId id = TenantId.of("tenant-" + UUID.randomUUID());
    ledgerkit.tenants().register(id, TenantSettings.defaults());
    return id;
  }
}
