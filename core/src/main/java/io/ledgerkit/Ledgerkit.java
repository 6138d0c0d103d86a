package io.ledgerkit;

import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.tenant.AccessPolicy;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantRegistry;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the SDK: one instance per host application, thread-safe, holding no
 * resources of its own (the host owns its {@code DataSource} or {@code MongoClient}).
 *
 * <pre>{@code
 * Ledgerkit ledgerkit = Ledgerkit.builder()
 *     .persistence(JpaPersistence.create(dataSource))
 *     .build();
 * ledgerkit.tenants().register(TenantId.of("acme"), TenantSettings.defaults().withDefaultPhoneRegion("IN"));
 * Caller staff = Caller.of("acme", "user-42", Role.STAFF);
 * CreateResult created = ledgerkit.customers().create(staff, CustomerDraft.named("Asha").withPhone("098765 43210"));
 * }</pre>
 */
public final class Ledgerkit {

  /** The clock used when none is given: the system clock in UTC. */
  public static final Clock DEFAULT_CLOCK = Clock.systemUTC();
  /** The access policy used when none is given: {@link AccessPolicy#defaults()}. */
  public static final AccessPolicy DEFAULT_ACCESS_POLICY = AccessPolicy.defaults();

  private final PersistenceAdapter persistence;
  private final Clock clock;
  private final AccessPolicy accessPolicy;
  private final TenantRegistry tenants;
  private final CustomerService customers;

  private Ledgerkit(Builder builder) {
    this.persistence = Objects.requireNonNull(builder.persistence);
    this.clock = builder.clock;
    this.accessPolicy = builder.accessPolicy;
    TenantGuard guard = new TenantGuard(persistence.tenants(), accessPolicy);
    this.tenants = new TenantRegistry(persistence.tenants(), guard, clock);
    this.customers = new CustomerService(persistence.customers(), guard, clock);
  }

  /** @return a builder; only the persistence adapter is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the tenant registry: register tenants, read and change their settings */
  public TenantRegistry tenants() {
    return tenants;
  }

  /** @return the customer book */
  public CustomerService customers() {
    return customers;
  }

  /** @return the clock timestamps come from */
  public Clock clock() {
    return clock;
  }

  /** @return the policy that decides who may do what */
  public AccessPolicy accessPolicy() {
    return accessPolicy;
  }

  /** @return the persistence adapter in use */
  public PersistenceAdapter persistence() {
    return persistence;
  }

  /** Builds a {@link Ledgerkit}. Not thread-safe; the built instance is immutable. */
  public static final class Builder {
    private @Nullable PersistenceAdapter persistence;
    private Clock clock = DEFAULT_CLOCK;
    private AccessPolicy accessPolicy = DEFAULT_ACCESS_POLICY;

    private Builder() {}

    /**
     * @param adapter where everything is stored; required
     * @return this builder
     */
    public Builder persistence(PersistenceAdapter adapter) {
      this.persistence = Objects.requireNonNull(adapter, "adapter");
      return this;
    }

    /**
     * @param clock where timestamps come from; default {@link #DEFAULT_CLOCK}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param policy who may do what; default {@link #DEFAULT_ACCESS_POLICY}
     * @return this builder
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @return the SDK, ready to use
     * @throws IllegalStateException if no persistence adapter was given
     */
    public Ledgerkit build() {
      if (persistence == null) {
        throw new IllegalStateException(
            "Ledgerkit needs a persistence adapter: call persistence(...) before build()");
      }
      return new Ledgerkit(this);
    }
  }
}
