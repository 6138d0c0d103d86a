package io.ledgerkit;

import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.internal.Operations;
import io.ledgerkit.tenant.AccessPolicy;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
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
  /**
   * How long a tenant's settings, once read, serve reads without being read again: one second.
   * Writes that depend on the settings never trust a cached copy blindly (see {@link
   * Builder#settingsMaxAge}).
   */
  public static final Duration DEFAULT_SETTINGS_MAX_AGE = Duration.ofSeconds(1);
  /** The operation listener used when none is given: {@link OperationListener#NONE}. */
  public static final OperationListener DEFAULT_LISTENER = OperationListener.NONE;

  private final Clock clock;
  private final AccessPolicy accessPolicy;
  private final TenantRegistry tenants;
  private final CustomerService customers;

  private Ledgerkit(PersistenceAdapter persistence, Clock clock, AccessPolicy accessPolicy,
      Duration settingsMaxAge, OperationListener listener) {
    this.clock = clock;
    this.accessPolicy = accessPolicy;
    Operations operations = new Operations(listener);
    TenantGuard guard = new TenantGuard(persistence.tenants(), accessPolicy, settingsMaxAge);
    this.tenants = new TenantRegistry(persistence.tenants(), guard, clock, operations);
    this.customers = new CustomerService(persistence.customers(), guard, clock, operations);
  }

  /** @return a builder; only the persistence adapter is required */
  public static Builder builder() {
    return new Builder(null, DEFAULT_CLOCK, DEFAULT_ACCESS_POLICY, DEFAULT_SETTINGS_MAX_AGE,
        DEFAULT_LISTENER);
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

  /**
   * Builds a {@link Ledgerkit}. Immutable: every setter returns a new builder, so a builder can be
   * shared and reused; {@link #build()} checks it.
   */
  public static final class Builder {
    private final @Nullable PersistenceAdapter persistence;
    private final @Nullable Clock clock;
    private final @Nullable AccessPolicy accessPolicy;
    private final @Nullable Duration settingsMaxAge;
    private final @Nullable OperationListener listener;

    private Builder(@Nullable PersistenceAdapter persistence, @Nullable Clock clock,
        @Nullable AccessPolicy accessPolicy, @Nullable Duration settingsMaxAge,
        @Nullable OperationListener listener) {
      this.persistence = persistence;
      this.clock = clock;
      this.accessPolicy = accessPolicy;
      this.settingsMaxAge = settingsMaxAge;
      this.listener = listener;
    }

    /**
     * @param adapter where everything is stored; required
     * @return a builder with this adapter
     */
    public Builder persistence(PersistenceAdapter adapter) {
      return new Builder(adapter, clock, accessPolicy, settingsMaxAge, listener);
    }

    /**
     * @param clock where timestamps come from; default {@link #DEFAULT_CLOCK}
     * @return a builder with this clock
     */
    public Builder clock(Clock clock) {
      return new Builder(persistence, clock, accessPolicy, settingsMaxAge, listener);
    }

    /**
     * @param policy who may do what; default {@link #DEFAULT_ACCESS_POLICY}
     * @return a builder with this policy
     */
    public Builder accessPolicy(AccessPolicy policy) {
      return new Builder(persistence, clock, policy, settingsMaxAge, listener);
    }

    /**
     * How long a tenant's settings, once read, may serve reads (a phone filter is normalized with
     * the tenant's phone region) before they are read again. Writes are unaffected by it: where the
     * store checks the settings version in the write itself, a stale copy only makes the SDK read
     * the settings again and repeat the write; elsewhere writes read the settings first. A change
     * made through another SDK instance is therefore obeyed by the next write at once, and by reads
     * within this age.
     *
     * @param maxAge default {@link #DEFAULT_SETTINGS_MAX_AGE}; {@link Duration#ZERO} reads the
     *     settings on every operation
     * @return a builder with this age
     */
    public Builder settingsMaxAge(Duration maxAge) {
      return new Builder(persistence, clock, accessPolicy, maxAge, listener);
    }

    /**
     * @param listener told of every operation as it ends (see {@link OperationListener}); default
     *     {@link #DEFAULT_LISTENER}, which does nothing
     * @return a builder with this listener
     */
    public Builder listener(OperationListener listener) {
      return new Builder(persistence, clock, accessPolicy, settingsMaxAge, listener);
    }

    /**
     * @return the SDK, ready to use
     * @throws IllegalStateException if no persistence adapter was given, a null clock, policy,
     *     settings age or listener, or a negative age
     */
    public Ledgerkit build() {
      if (persistence == null) {
        throw new IllegalStateException(
            "Ledgerkit needs a persistence adapter: call persistence(...) before build()");
      }
      if (clock == null || accessPolicy == null || settingsMaxAge == null || listener == null) {
        throw new IllegalStateException(
            "clock, accessPolicy, settingsMaxAge and listener may be left out, but not set to null");
      }
      if (settingsMaxAge.isNegative()) {
        throw new IllegalStateException("settingsMaxAge must not be negative");
      }
      return new Ledgerkit(persistence, clock, accessPolicy, settingsMaxAge, listener);
    }
  }
}
