package io.ledgerkit;

import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.fee.PaymentResultMapping;
import io.ledgerkit.internal.Operations;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.internal.StoreCalls;
import io.ledgerkit.tenant.AccessPolicy;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
  /** The payment gateway used when none is given: {@link PaymentGateway#NONE}, which takes no payments. */
  public static final PaymentGateway DEFAULT_PAYMENT_GATEWAY = PaymentGateway.NONE;
  /** How payment results map to fee statuses when nothing else is said: the transition table. */
  public static final PaymentResultMapping DEFAULT_PAYMENT_RESULT_MAPPING = PaymentResultMapping.defaults();
  /** How far past now a movement's timestamp may lie when nothing else is said: five minutes. */
  public static final Duration DEFAULT_MOVEMENT_FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private final Clock clock;
  private final AccessPolicy accessPolicy;
  private final TenantRegistry tenants;
  private final CustomerService customers;
  private final @Nullable FeeService fees;
  private final @Nullable InventoryService inventory;

  private Ledgerkit(Builder builder, PersistenceAdapter persistence) {
    this.clock = Objects.requireNonNull(builder.clock);
    this.accessPolicy = Objects.requireNonNull(builder.accessPolicy);
    Operations operations = new Operations(Objects.requireNonNull(builder.listener));
    TenantGuard guard = new TenantGuard(persistence.tenants(), accessPolicy,
        Objects.requireNonNull(builder.settingsMaxAge));
    this.tenants = new TenantRegistry(persistence.tenants(), guard, clock, operations);
    this.customers = new CustomerService(persistence.customers(), guard, clock, operations);
    FeeRepository feeStore = storeOf(persistence::fees);
    if (feeStore != null) {
      // Pending copies a crash left behind are finished before the first operation.
      StoreCalls.guard("fee", "recover", () -> {
        feeStore.recover();
        return null;
      });
      this.fees = new FeeService(feeStore, guard, clock, operations,
          Objects.requireNonNull(builder.paymentGateway),
          Objects.requireNonNull(builder.paymentResultMapping));
    } else {
      this.fees = null;
    }
    InventoryRepository inventoryStore = storeOf(persistence::inventory);
    if (inventoryStore != null) {
      StoreCalls.guard("inventory", "recover", () -> {
        inventoryStore.recover();
        return null;
      });
      this.inventory = new InventoryService(inventoryStore, guard, clock, operations,
          Objects.requireNonNull(builder.movementFutureTolerance));
    } else {
      this.inventory = null;
    }
  }

  private static <T> @Nullable T storeOf(Supplier<T> store) {
    try {
      return store.get();
    } catch (UnsupportedOperationException notStored) {
      return null;
    }
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

  /**
   * @return the fees: assessment, payment, the audit log
   * @throws UnsupportedOperationException if the persistence adapter stores no fees
   */
  public FeeService fees() {
    if (fees == null) {
      throw new UnsupportedOperationException("the persistence adapter stores no fees");
    }
    return fees;
  }

  /**
   * @return the stock ledger: movements, transfers, stock on hand
   * @throws UnsupportedOperationException if the persistence adapter stores no inventory
   */
  public InventoryService inventory() {
    if (inventory == null) {
      throw new UnsupportedOperationException("the persistence adapter stores no inventory");
    }
    return inventory;
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
    private @Nullable PersistenceAdapter persistence;
    private @Nullable Clock clock = DEFAULT_CLOCK;
    private @Nullable AccessPolicy accessPolicy = DEFAULT_ACCESS_POLICY;
    private @Nullable Duration settingsMaxAge = DEFAULT_SETTINGS_MAX_AGE;
    private @Nullable OperationListener listener = DEFAULT_LISTENER;
    private @Nullable PaymentGateway paymentGateway = DEFAULT_PAYMENT_GATEWAY;
    private @Nullable PaymentResultMapping paymentResultMapping = DEFAULT_PAYMENT_RESULT_MAPPING;
    private @Nullable Duration movementFutureTolerance = DEFAULT_MOVEMENT_FUTURE_TOLERANCE;

    private Builder() {}

    private Builder with(Consumer<Builder> change) {
      Builder next = new Builder();
      next.persistence = persistence;
      next.clock = clock;
      next.accessPolicy = accessPolicy;
      next.settingsMaxAge = settingsMaxAge;
      next.listener = listener;
      next.paymentGateway = paymentGateway;
      next.paymentResultMapping = paymentResultMapping;
      next.movementFutureTolerance = movementFutureTolerance;
      change.accept(next);
      return next;
    }

    /**
     * @param adapter where everything is stored; required
     * @return a builder with this adapter
     */
    public Builder persistence(PersistenceAdapter adapter) {
      return with(next -> next.persistence = adapter);
    }

    /**
     * @param clock where timestamps come from; default {@link #DEFAULT_CLOCK}
     * @return a builder with this clock
     */
    public Builder clock(Clock clock) {
      return with(next -> next.clock = clock);
    }

    /**
     * @param policy who may do what; default {@link #DEFAULT_ACCESS_POLICY}
     * @return a builder with this policy
     */
    public Builder accessPolicy(AccessPolicy policy) {
      return with(next -> next.accessPolicy = policy);
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
      return with(next -> next.settingsMaxAge = maxAge);
    }

    /**
     * @param listener told of every operation as it ends (see {@link OperationListener}); default
     *     {@link #DEFAULT_LISTENER}, which does nothing
     * @return a builder with this listener
     */
    public Builder listener(OperationListener listener) {
      return with(next -> next.listener = listener);
    }

    /**
     * @param gateway the payment provider fees are paid through online; default {@link
     *     #DEFAULT_PAYMENT_GATEWAY}, which takes no payments
     * @return a builder with this gateway
     */
    public Builder paymentGateway(PaymentGateway gateway) {
      return with(next -> next.paymentGateway = gateway);
    }

    /**
     * @param mapping which fee status each payment result leads to; default {@link
     *     #DEFAULT_PAYMENT_RESULT_MAPPING}
     * @return a builder with this mapping
     */
    public Builder paymentResultMapping(PaymentResultMapping mapping) {
      return with(next -> next.paymentResultMapping = mapping);
    }

    /**
     * How far past the clock's now a stock movement's timestamp may lie (clocks of tills and
     * scanners drift); a later one is refused as invalid.
     *
     * @param tolerance default {@link #DEFAULT_MOVEMENT_FUTURE_TOLERANCE}; {@link Duration#ZERO}
     *     refuses every timestamp after now
     * @return a builder with this tolerance
     */
    public Builder movementFutureTolerance(Duration tolerance) {
      return with(next -> next.movementFutureTolerance = tolerance);
    }

    /**
     * @return the SDK, ready to use; pending writes a crash left in the store are finished first
     * @throws IllegalStateException if no persistence adapter was given, a null clock, policy,
     *     settings age, listener, payment gateway, result mapping or movement tolerance, or a
     *     negative age or tolerance
     * @throws StorageException if the store failed while finishing what a crash left pending
     */
    public Ledgerkit build() {
      if (persistence == null) {
        throw new IllegalStateException(
            "Ledgerkit needs a persistence adapter: call persistence(...) before build()");
      }
      if (clock == null || accessPolicy == null || settingsMaxAge == null || listener == null
          || paymentGateway == null || paymentResultMapping == null
          || movementFutureTolerance == null) {
        throw new IllegalStateException("clock, accessPolicy, settingsMaxAge, listener, "
            + "paymentGateway, paymentResultMapping and movementFutureTolerance may be left out, "
            + "but not set to null");
      }
      if (settingsMaxAge.isNegative() || movementFutureTolerance.isNegative()) {
        throw new IllegalStateException(
            "settingsMaxAge and movementFutureTolerance must not be negative");
      }
      return new Ledgerkit(this, persistence);
    }
  }
}
