package io.ledgerkit.customer;

import static io.ledgerkit.internal.Inputs.required;

import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.Operations;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Permission;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The customer book: every customer operation of the SDK, for one caller at a time.
 *
 * <p>Guarantees, on every persistence adapter alike:
 *
 * <ul>
 *   <li>One customer per phone per tenant: the phone is normalized to E.164 (national numbers in
 *       the tenant's default region), and a create with a known phone updates that customer
 *       instead, also under concurrent creates. The same phone may exist in other tenants.
 *   <li>Tenant isolation: a customer of another tenant does not exist for the caller; by-id
 *       operations answer {@link NotFoundException} (or empty) and change nothing; listings and
 *       by-query operations only ever see the caller's tenant.
 *   <li>Bad input is refused with a {@link ValidationException} naming every failing field,
 *       before anything is written.
 *   <li>Every change of one customer is atomic and conditional on the version read; a lost race
 *       is retried on fresh state, or reported as {@link ConflictException} when the caller asked
 *       for a specific version.
 * </ul>
 *
 * <p>Bulk and by-query operations validate their whole input first, then change each customer
 * atomically. They are not one transaction across customers: on a storage failure midway, the
 * customers changed so far stay changed, and repeating the call converges (creates deduplicate by
 * phone; updates and deletes are idempotent).
 *
 * <p>Thread-safe.
 */
public final class CustomerService {

  /** The most items a bulk call or id list takes. */
  public static final int MAX_BATCH = 1000;
  /** How often a change is recomputed after losing a race before giving up with a conflict. */
  static final int MAX_ATTEMPTS = 16;
  /** How often a by-query operation runs its filter again to catch matches shifted by writers. */
  static final int MAX_QUERY_PASSES = 4;
  private static final String ENTITY = "customer";

  private final Operations operations;
  private final GuardedCustomerRepository customers;
  private final TenantGuard guard;
  private final Clock clock;
  private final boolean storeChecksSettings;

  /**
   * @param customers where customers are stored
   * @param guard the gate that checks caller, permission and tenant
   * @param clock the source of timestamps
   */
  public CustomerService(CustomerRepository customers, TenantGuard guard, Clock clock) {
    this(customers, guard, clock, Operations.unobserved());
  }

  /**
   * @param customers where customers are stored
   * @param guard the gate that checks caller, permission and tenant
   * @param clock the source of timestamps
   * @param operations reports every operation as it ends
   */
  public CustomerService(
      CustomerRepository customers, TenantGuard guard, Clock clock, Operations operations) {
    this.operations = operations;
    this.customers = new GuardedCustomerRepository(customers);
    this.guard = guard;
    this.clock = clock;
    this.storeChecksSettings = this.customers.checksSettingsVersion();
  }

  /**
   * Creates a customer, or, when the phone is already known in the tenant, updates that customer
   * with every field the draft gives (keeping the others) and reactivates it if it was deleted.
   * The draft must carry every field the tenant makes mandatory.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_WRITE}
   * @param draft the customer's values
   * @return the customer as stored and whether it is new
   * @throws ValidationException if the draft is invalid
   */
  public CreateResult create(Caller caller, CustomerDraft draft) {
    return operations.call("customers.create", () -> {
      TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_WRITE);
      required(draft, "draft");
      return scope.write(tenant -> customers.create(candidate(tenant, draft, now()), tenant.version()));
    });
  }

  /**
   * Creates many customers in one call: each item as {@link #create}, in input order, so that
   * items sharing a phone (in any format) end as one customer, the later merging into the
   * earlier. Every item is validated before anything is written.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param drafts up to {@link #MAX_BATCH} drafts
   * @return one result per draft, in input order
   * @throws ValidationException listing every failing field as {@code items[i].field}
   */
  public List<CreateResult> bulkCreate(Caller caller, List<CustomerDraft> drafts) {
    return operations.call("customers.bulkCreate", () -> createBatch(caller, drafts));
  }

  private List<CreateResult> createBatch(@Nullable Caller caller, @Nullable List<CustomerDraft> drafts) {
    TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_BULK);
    checkBatch("items", required(drafts, "items"));
    return scope.write(tenant -> customers.createAll(candidates(tenant, drafts), tenant.version()));
  }

  /** Validates every draft, then reports every failing field at once. */
  private List<Customer> candidates(Tenant tenant, List<CustomerDraft> drafts) {
    List<Customer> candidates = new ArrayList<>(drafts.size());
    List<FieldError> errors = new ArrayList<>();
    // One call, one instant: the batch's customers are created together.
    Instant now = now();
    for (int i = 0; i < drafts.size(); i++) {
      CustomerDraft draft = drafts.get(i);
      if (draft == null) {
        errors.add(new FieldError("items[" + i + "]", FieldError.REQUIRED, "an item is required"));
        continue;
      }
      try {
        candidates.add(candidate(tenant, draft, now));
      } catch (ValidationException e) {
        String prefix = "items[" + i + "]";
        e.errors().forEach(error -> errors.add(error.nestedUnder(prefix)));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return candidates;
  }

  /**
   * Creates customers from a stream of any length without holding it in memory: the stream is
   * read in calls of {@link #MAX_BATCH} drafts, each one {@link #bulkCreate(Caller, List)}
   * (validated in full, then written as one), and every result is handed to {@code onResult} in
   * input order and then dropped, so that millions of customers fit in a small heap.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param drafts the customers, in input order; read once
   * @param onResult receives one result per draft, in input order
   * @return how many drafts were created or merged
   * @throws ValidationException for the first call holding an invalid draft, naming its fields
   *     {@code items[i].field} with {@code i} the draft's position in the whole stream; the calls
   *     before it are written, nothing after it, so the stream can be resumed at the first draft
   *     of that call ({@code i - i % MAX_BATCH})
   */
  public long bulkCreate(Caller caller, Stream<CustomerDraft> drafts, Consumer<CreateResult> onResult) {
    return operations.call("customers.bulkCreateStream", () -> {
      authorize(caller, Permission.CUSTOMER_BULK);
      required(onResult, "onResult");
      Iterator<CustomerDraft> items = required(drafts, "drafts").iterator();
      long written = 0;
      List<CustomerDraft> chunk = new ArrayList<>(MAX_BATCH);
      while (items.hasNext()) {
        chunk.add(items.next());
        if (chunk.size() == MAX_BATCH || !items.hasNext()) {
          List<CreateResult> results;
          try {
            results = createBatch(caller, chunk);
          } catch (ValidationException e) {
            throw renumbered(e, written);
          }
          results.forEach(onResult);
          written += results.size();
          chunk.clear();
        }
      }
      return written;
    });
  }

  /** Shifts {@code items[i]} by the drafts written before the failing call. */
  private static ValidationException renumbered(ValidationException e, long offset) {
    List<FieldError> errors = new ArrayList<>(e.errors().size());
    for (FieldError error : e.errors()) {
      String field = error.field();
      if (field.startsWith("items[")) {
        int close = field.indexOf(']');
        long index = Long.parseLong(field.substring("items[".length(), close)) + offset;
        field = "items[" + index + field.substring(close);
      }
      errors.add(new FieldError(field, error.code(), error.message()));
    }
    return new ValidationException(errors);
  }

  /**
   * @param caller who asks; needs {@link Permission#CUSTOMER_READ}
   * @param id a customer id
   * @return the customer, active or soft-deleted, if it exists in the caller's tenant
   */
  public Optional<Customer> findById(Caller caller, UUID id) {
    return operations.call("customers.findById", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_READ);
      return customers.findById(tenant.id(), required(id, "id"));
    });
  }

  /**
   * Looks a customer up by phone, exactly, after normalizing it as a create would.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_READ}
   * @param phone the phone in any format the tenant accepts
   * @return the customer, active or soft-deleted, with that phone in the caller's tenant
   * @throws ValidationException (field {@code phone}) if it is not a valid phone
   */
  public Optional<Customer> findByPhone(Caller caller, String phone) {
    return operations.call("customers.findByPhone", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_READ);
      CustomerRules rules = new CustomerRules(tenant.settings());
      String normalized = rules.phone(phone);
      if (normalized == null) {
        rules.add(new FieldError(Attribute.PHONE.apiName, FieldError.REQUIRED, "a phone is required"));
      }
      rules.throwIfInvalid();
      return customers.findByPhone(tenant.id(), normalized);
    });
  }

  /**
   * Lists the caller's tenant's customers, newest first.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_READ}
   * @param filter the criteria; {@link CustomerFilter#all()} for every active customer
   * @return the first {@link PageRequest#DEFAULT_LIMIT} matches
   */
  public Page<Customer> list(Caller caller, CustomerFilter filter) {
    return list(caller, filter, PageRequest.FIRST, CustomerSort.NEWEST_FIRST);
  }

  /**
   * Lists the caller's tenant's customers, newest first.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_READ}
   * @param filter the criteria
   * @param page which slice
   * @return the matches of that slice and the total count
   */
  public Page<Customer> list(Caller caller, CustomerFilter filter, PageRequest page) {
    return list(caller, filter, page, CustomerSort.NEWEST_FIRST);
  }

  /**
   * Lists the caller's tenant's customers.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_READ}
   * @param filter the criteria
   * @param page which slice
   * @param sort the order
   * @return the matches of that slice and the total count
   * @throws ValidationException if a criterion is invalid (a phone that is no phone, a value too
   *     long)
   */
  public Page<Customer> list(Caller caller, CustomerFilter filter, PageRequest page, CustomerSort sort) {
    return operations.call("customers.list", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_READ);
      return customers.find(tenant.id(), normalize(tenant, required(filter, "filter")),
          required(page, "page"), required(sort, "sort"));
    });
  }

  /**
   * Changes the fields the patch sets, bumps {@code updatedAt} and the version.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_WRITE}
   * @param id the customer's id
   * @param patch the changes
   * @return the customer as stored after the change
   * @throws NotFoundException if no such customer exists in the caller's tenant
   * @throws ValidationException if a value, or the resulting customer, is invalid
   * @throws ConflictException if the new phone belongs to another customer, or the patch expects a
   *     version that is no longer current
   */
  public Customer update(Caller caller, UUID id, CustomerPatch patch) {
    return operations.call("customers.update", () -> {
      TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_WRITE);
      required(id, "id");
      checkPatchValues(scope.tenant(), patch);
      return change(scope, id, patch.expectedVersion(), (tenant, current) -> applied(tenant, current, patch))
          .map(Change::customer)
          .orElseThrow(() -> notFound(scope.tenant(), id));
    });
  }

  /**
   * Soft-deletes a customer: it stays stored, hidden from listings unless asked for, and keeps its
   * phone, so that a later create with that phone reactivates it. Deleting a deleted customer
   * changes nothing.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_DELETE}
   * @param id the customer's id
   * @return the customer as stored after the call
   * @throws NotFoundException if no such customer exists in the caller's tenant
   */
  public Customer softDelete(Caller caller, UUID id) {
    return operations.call("customers.softDelete", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_DELETE);
      return setActive(tenant, required(id, "id"), false).map(Change::customer)
          .orElseThrow(() -> notFound(tenant, id));
    });
  }

  /**
   * Reactivates a soft-deleted customer. Restoring an active customer changes nothing.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_DELETE}
   * @param id the customer's id
   * @return the customer as stored after the call
   * @throws NotFoundException if no such customer exists in the caller's tenant
   */
  public Customer restore(Caller caller, UUID id) {
    return operations.call("customers.restore", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_DELETE);
      return setActive(tenant, required(id, "id"), true).map(Change::customer)
          .orElseThrow(() -> notFound(tenant, id));
    });
  }

  /**
   * Erases a customer for good, as a privacy request needs. Its phone becomes free.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_PURGE}
   * @param id the customer's id
   * @throws NotFoundException if no such customer exists in the caller's tenant
   */
  public void purge(Caller caller, UUID id) {
    operations.run("customers.purge", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_PURGE);
      if (!customers.delete(tenant.id(), required(id, "id"))) {
        throw notFound(tenant, id);
      }
    });
  }

  /**
   * Applies one patch to each listed customer of the caller's tenant. Ids that are not customers
   * of the tenant are skipped. The patch may not set the phone (customers cannot share one) nor
   * expect a version.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param ids up to {@link #MAX_BATCH} customer ids
   * @param patch the changes
   * @return the customers as stored after the change, in id-list order
   * @throws ValidationException if the patch or any resulting customer is invalid; then nothing
   *     changed
   */
  public List<Customer> updateByIds(Caller caller, Collection<UUID> ids, CustomerPatch patch) {
    return operations.call("customers.updateByIds", () -> {
      TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_BULK);
      List<UUID> unique = checkIds(ids);
      checkBulkPatch(scope.tenant(), patch);
      return updateAll(scope, unique, patch);
    });
  }

  /**
   * Applies one patch to every customer of the caller's tenant matching the filter. See {@link
   * #updateByIds} for what the patch may hold.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param filter the criteria; at least one is required
   * @param patch the changes
   * @return the customers as stored after the change
   * @throws ValidationException if the filter has no criterion, or the patch or any resulting
   *     customer is invalid; then nothing changed
   */
  public List<Customer> updateByQuery(Caller caller, CustomerFilter filter, CustomerPatch patch) {
    return operations.call("customers.updateByQuery", () -> {
      TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_BULK);
      checkBulkPatch(scope.tenant(), patch);
      return forEachMatch(scope.tenant(), filter, ids -> updateAll(scope, ids, patch));
    });
  }

  /**
   * Soft-deletes each listed customer of the caller's tenant. Ids that are not customers of the
   * tenant, and customers already deleted, are skipped.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param ids up to {@link #MAX_BATCH} customer ids
   * @return the customers this call deleted
   */
  public List<Customer> deleteByIds(Caller caller, Collection<UUID> ids) {
    return operations.call("customers.deleteByIds", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_BULK);
      return deactivateAll(tenant, checkIds(ids));
    });
  }

  /**
   * Soft-deletes every customer of the caller's tenant matching the filter.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_BULK}
   * @param filter the criteria; at least one is required
   * @return the customers this call deleted
   * @throws ValidationException if the filter has no criterion
   */
  public List<Customer> deleteByQuery(Caller caller, CustomerFilter filter) {
    return operations.call("customers.deleteByQuery", () -> {
      Tenant tenant = authorize(caller, Permission.CUSTOMER_BULK);
      return forEachMatch(tenant, filter, ids -> deactivateAll(tenant, ids));
    });
  }

  /**
   * Resolves the customer of an invoice or a sale: with an id, that customer as stored; without
   * one, the customer with the draft's phone, unchanged (reactivated if it was deleted), or else a
   * new customer made from the draft. Unlike {@link #create}, a found customer is never updated,
   * and the draft is validated in full only when a customer is created.
   *
   * @param caller who asks; needs {@link Permission#CUSTOMER_WRITE}
   * @param customerId an existing customer's id, or null to go by phone
   * @param draft the customer to create if none has the phone; needs a phone; may be null when an
   *     id is given
   * @return the customer and whether it was created
   * @throws NotFoundException if an id is given that is not a customer of the caller's tenant
   * @throws ValidationException if neither an id nor a valid phone is given, or a customer must be
   *     created from an invalid draft
   */
  public CreateResult findOrCreate(
      Caller caller, @Nullable UUID customerId, @Nullable CustomerDraft draft) {
    return operations.call("customers.findOrCreate", () -> {
      TenantScope scope = authorizeWrite(caller, Permission.CUSTOMER_WRITE);
      Tenant tenant = scope.tenant();
      if (draft != null) {
        // Every value from outside passes the text policy, even one that will not be stored.
        checked(tenant, draft, false);
      }
      if (customerId != null) {
        return new CreateResult(customers.findById(tenant.id(), customerId)
            .orElseThrow(() -> notFound(tenant, customerId)), false);
      }
      CustomerRules rules = new CustomerRules(tenant.settings());
      String phone = rules.phone(required(draft, "draft").phone());
      if (phone == null && rules.errors().isEmpty()) {
        rules.add(new FieldError(Attribute.PHONE.apiName, FieldError.REQUIRED,
            "a phone or a customer id is required"));
      }
      rules.throwIfInvalid();
      CreateResult result = customers.findByPhone(tenant.id(), phone)
          .map(found -> new CreateResult(found, false))
          .orElseGet(() -> createIfAbsent(scope, draft));
      Customer customer = result.customer();
      if (customer.active()) {
        return result;
      }
      return setActive(tenant, customer.id(), true)
          .map(change -> new CreateResult(change.customer(), false))
          .orElseGet(() -> createIfAbsent(scope, draft));
    });
  }

  private CreateResult createIfAbsent(TenantScope scope, CustomerDraft draft) {
    return scope.write(tenant -> customers.createIfAbsent(candidate(tenant, draft, now()), tenant.version()));
  }

  /** For reads and for writes that do not depend on the settings: a cached tenant will do. */
  private Tenant authorize(@Nullable Caller caller, Permission permission) {
    return guard.authorize(required(caller, "caller"), permission).tenant();
  }

  /** For writes validated against the settings. */
  private TenantScope authorizeWrite(@Nullable Caller caller, Permission permission) {
    return guard.authorizeWrite(required(caller, "caller"), permission, storeChecksSettings);
  }

  private Customer candidate(Tenant tenant, CustomerDraft draft, Instant now) {
    return checked(tenant, draft, true).toCustomer(tenant, now);
  }

  /**
   * Checks every value of a draft, and the tenant's mandatory fields when {@code creating}.
   *
   * @throws ValidationException naming every failing field
   */
  private CheckedDraft checked(Tenant tenant, CustomerDraft draft, boolean creating) {
    CustomerRules rules = new CustomerRules(tenant.settings());
    String name = rules.name(draft.name());
    String phone = rules.phone(draft.phone());
    String contactName = rules.text(Attribute.CONTACT_NAME, draft.contactName());
    String contactEmail = rules.email(draft.contactEmail());
    String address = rules.text(Attribute.ADDRESS, draft.address());
    String taxNumber = rules.text(Attribute.TAX_NUMBER, draft.taxNumber());
    String notes = rules.text(Attribute.NOTES, draft.notes());
    if (creating) {
      rules.mandatory(address, contactEmail, taxNumber);
    }
    rules.throwIfInvalid();
    return new CheckedDraft(name, phone, contactName, contactEmail, address, taxNumber, notes);
  }

  /** A draft's values after the checks. */
  private record CheckedDraft(String name, @Nullable String phone, @Nullable String contactName,
      @Nullable String contactEmail, @Nullable String address, @Nullable String taxNumber,
      @Nullable String notes) {

    Customer toCustomer(Tenant tenant, Instant now) {
      return new Customer(UUID.randomUUID(), tenant.id(), name, phone, contactName, contactEmail,
          address, taxNumber, notes, true, now, now, 1);
    }
  }

  /** Checks the patch's own values, so that a malformed patch fails before any read. */
  private void checkPatchValues(Tenant tenant, @Nullable CustomerPatch patch) {
    if (required(patch, "patch").isEmpty()) {
      throw ValidationException.of("patch", FieldError.REQUIRED, "a patch must set at least one field");
    }
    CustomerRules rules = new CustomerRules(tenant.settings());
    valuesOf(rules, patch);
    rules.throwIfInvalid();
  }

  private Customer applied(Tenant tenant, Customer current, CustomerPatch patch) {
    CustomerRules rules = new CustomerRules(tenant.settings());
    String[] values = valuesOf(rules, patch);
    String name = patch.sets(Attribute.NAME) ? values[Attribute.NAME.ordinal()] : current.name();
    String phone = pick(patch, values, Attribute.PHONE, current.phone());
    String contactName = pick(patch, values, Attribute.CONTACT_NAME, current.contactName());
    String contactEmail = pick(patch, values, Attribute.CONTACT_EMAIL, current.contactEmail());
    String address = pick(patch, values, Attribute.ADDRESS, current.address());
    String taxNumber = pick(patch, values, Attribute.TAX_NUMBER, current.taxNumber());
    String notes = pick(patch, values, Attribute.NOTES, current.notes());
    rules.mandatory(address, contactEmail, taxNumber);
    rules.throwIfInvalid();
    return new Customer(current.id(), current.tenant(), name, phone, contactName, contactEmail,
        address, taxNumber, notes, current.active(), current.createdAt(), now(),
        current.version() + 1);
  }

  /** @return the patch's values, normalized, indexed by attribute ordinal; errors go to rules */
  private static @Nullable String[] valuesOf(CustomerRules rules, CustomerPatch patch) {
    String[] values = new String[Attribute.values().length];
    for (Attribute attribute : Attribute.values()) {
      if (!patch.sets(attribute)) {
        continue;
      }
      String raw = patch.value(attribute);
      values[attribute.ordinal()] = switch (attribute) {
        case NAME -> rules.name(raw);
        case PHONE -> rules.phone(raw);
        case CONTACT_EMAIL -> rules.email(raw);
        default -> rules.text(attribute, raw);
      };
    }
    return values;
  }

  private static @Nullable String pick(
      CustomerPatch patch, @Nullable String[] values, Attribute attribute, @Nullable String current) {
    return patch.sets(attribute) ? values[attribute.ordinal()] : current;
  }

  /** Refuses what no bulk patch may hold, before anything is read. */
  private void checkBulkPatch(Tenant tenant, @Nullable CustomerPatch patch) {
    checkPatchValues(tenant, patch);
    List<FieldError> refused = new ArrayList<>();
    if (patch.sets(Attribute.PHONE)) {
      refused.add(new FieldError("patch.phone", FieldError.NOT_ALLOWED,
          "several customers cannot share a phone; update phones one by one"));
    }
    if (patch.expectedVersion().isPresent()) {
      refused.add(new FieldError("patch.expectedVersion", FieldError.NOT_ALLOWED,
          "a version can only be expected of a single customer"));
    }
    if (!refused.isEmpty()) {
      throw new ValidationException(refused);
    }
  }

  private List<Customer> updateAll(TenantScope scope, List<UUID> ids, CustomerPatch patch) {
    // Validate every resulting customer before the first write, so that bad input changes nothing.
    List<FieldError> errors = new ArrayList<>();
    for (UUID id : ids) {
      customers.findById(scope.id(), id).ifPresent(current -> {
        try {
          applied(scope.tenant(), current, patch);
        } catch (ValidationException e) {
          e.errors().forEach(error -> errors.add(error.nestedUnder("customers[" + id + "]")));
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    List<Customer> changed = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      change(scope, id, OptionalLong.empty(), (tenant, current) -> applied(tenant, current, patch))
          .ifPresent(change -> changed.add(change.customer()));
    }
    return changed;
  }

  private List<Customer> deactivateAll(Tenant tenant, List<UUID> ids) {
    List<Customer> changed = new ArrayList<>();
    for (UUID id : ids) {
      setActive(tenant, id, false).filter(Change::written).ifPresent(c -> changed.add(c.customer()));
    }
    return changed;
  }

  private Optional<Change> setActive(Tenant tenant, UUID id, boolean active) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Customer> read = customers.findById(tenant.id(), id);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Customer current = read.get();
      if (current.active() == active) {
        return Optional.of(new Change(current, false));
      }
      Customer next = current.withActive(active, now());
      if (customers.update(next, current.version())) {
        return Optional.of(new Change(next, true));
      }
    }
    throw new ConflictException(ENTITY, tenant.id(), id,
        "changed concurrently " + MAX_ATTEMPTS + " times in a row");
  }

  /**
   * Reads, computes and conditionally writes one customer until the write wins. The write is also
   * conditional on the settings the step validated against; when they changed, the step runs
   * again with fresh settings.
   *
   * @param step the next state from the tenant and the current state, or the very same instance
   *     when nothing is to change
   * @return the stored state after the call; empty if the customer is not in the tenant
   */
  private Optional<Change> change(TenantScope scope, UUID id, OptionalLong expectedVersion,
      BiFunction<Tenant, Customer, Customer> step) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Customer> read = customers.findById(scope.id(), id);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      Customer current = read.get();
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
        throw new ConflictException(ENTITY, scope.id(), id, "expected version "
            + expectedVersion.getAsLong() + " but it is " + current.version());
      }
      Change outcome = scope.write(tenant -> {
        Customer next = step.apply(tenant, current);
        if (next == current) {
          return new Change(current, false);
        }
        return customers.update(next, current.version(), tenant.version()) ? new Change(next, true) : null;
      });
      if (outcome != null) {
        return Optional.of(outcome);
      }
    }
    throw new ConflictException(ENTITY, scope.id(), id,
        "changed concurrently " + MAX_ATTEMPTS + " times in a row");
  }

  private CustomerFilter normalize(Tenant tenant, CustomerFilter filter) {
    CustomerRules rules = new CustomerRules(tenant.settings());
    String name = rules.text(Attribute.NAME, filter.name());
    String phone = rules.phone(filter.phone());
    String contactName = rules.text(Attribute.CONTACT_NAME, filter.contactName());
    String contactEmail = rules.text(Attribute.CONTACT_EMAIL, filter.contactEmail());
    String taxNumber = rules.text(Attribute.TAX_NUMBER, filter.taxNumber());
    rules.throwIfInvalid();
    return new CustomerFilter(name, phone, contactName, contactEmail, taxNumber,
        filter.includeInactive());
  }

  /**
   * Runs the action on every customer the filter matches. The matches are collected before the
   * action runs; since a concurrent writer can shift pages while they are read, the filter is run
   * again afterwards and the action repeated on any match not yet handled, until a pass finds none
   * (at most {@link #MAX_QUERY_PASSES} passes). Customers matching throughout the call are all
   * handled; customers that start or stop matching meanwhile may or may not be.
   */
  private List<Customer> forEachMatch(
      Tenant tenant, @Nullable CustomerFilter filter, Function<List<UUID>, List<Customer>> action) {
    CustomerFilter normalized = normalize(tenant, required(filter, "filter"));
    if (!normalized.hasCriteria()) {
      throw ValidationException.of("filter", FieldError.REQUIRED,
          "a by-query operation needs at least one criterion");
    }
    Set<UUID> handled = new HashSet<>();
    List<Customer> changed = new ArrayList<>();
    for (int pass = 0; pass < MAX_QUERY_PASSES; pass++) {
      List<UUID> fresh = new ArrayList<>();
      PageRequest page = PageRequest.of(0, PageRequest.MAX_LIMIT);
      Page<Customer> slice;
      do {
        slice = customers.find(tenant.id(), normalized, page, CustomerSort.OLDEST_FIRST);
        slice.items().stream().map(Customer::id).filter(handled::add).forEach(fresh::add);
        page = page.next();
      } while (slice.hasNext());
      if (fresh.isEmpty()) {
        break;
      }
      changed.addAll(action.apply(fresh));
    }
    return changed;
  }

  private static List<UUID> checkIds(@Nullable Collection<UUID> ids) {
    required(ids, "ids");
    checkBatch("ids", ids);
    LinkedHashSet<UUID> unique = new LinkedHashSet<>();
    for (UUID id : ids) {
      if (id == null) {
        throw ValidationException.of("ids", FieldError.INVALID, "ids must not contain null");
      }
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  private static void checkBatch(String field, Collection<?> items) {
    if (items.isEmpty()) {
      throw ValidationException.of(field, FieldError.REQUIRED, "at least one is required");
    }
    if (items.size() > MAX_BATCH) {
      throw ValidationException.of(field, FieldError.TOO_LONG, "at most " + MAX_BATCH + " per call");
    }
  }

  private static NotFoundException notFound(Tenant tenant, UUID id) {
    return new NotFoundException(ENTITY, tenant.id(), id);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The stored state after {@link #change}, and whether that call wrote it. */
  private record Change(Customer customer, boolean written) {}
}
