package io.ledgerkit.customer;

import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence SPI for customers. Implemented by persistence adapters, called only by {@link
 * CustomerService}, which owns every rule: values arrive validated and normalized (phones in
 * E.164, text by the SDK's text policy, timestamps in milliseconds). An adapter only reads and
 * writes, each method atomic on its own, and reports the outcome.
 *
 * <p>Every read and write is scoped to the given tenant: a record of another tenant is never
 * returned, changed or deleted. The store enforces that (tenant, phone) is unique among
 * customers with a phone, soft-deleted ones included. Expected collisions are reported as {@link
 * ConflictException}; any other failure as {@link io.ledgerkit.StorageException}.
 */
public interface CustomerRepository {

  /**
   * Inserts the candidate, or, when it has a phone already stored in its tenant, merges it into
   * that customer as {@link Customer#mergedWith(Customer)} describes, in one atomic step that
   * concurrent creates of the same phone cannot split into two customers.
   *
   * @param candidate a new customer, version 1, with a fresh id
   * @return the stored customer and whether it was inserted
   */
  CreateResult create(Customer candidate);

  /**
   * Inserts the candidate unless a customer with its phone exists in its tenant, and then returns
   * that customer exactly as stored, active or not, changing nothing. Atomic like {@link
   * #create(Customer)}: concurrent calls for one new phone insert it once.
   *
   * @param candidate a new customer with a phone, version 1, with a fresh id
   * @return the stored customer and whether the candidate was inserted
   */
  CreateResult createIfAbsent(Customer candidate);

  /**
   * {@link #create(Customer)} for each candidate, in order, so that a later candidate with the
   * phone of an earlier one merges into it. Adapters that can make the whole batch atomic do.
   *
   * @param candidates new customers, in input order
   * @return one result per candidate, in the same order
   */
  default List<CreateResult> createAll(List<Customer> candidates) {
    List<CreateResult> results = new ArrayList<>(candidates.size());
    for (Customer candidate : candidates) {
      results.add(create(candidate));
    }
    return results;
  }

  /**
   * @param tenant the caller's tenant
   * @param id a customer id
   * @return the customer, active or not, if it exists in that tenant
   */
  Optional<Customer> findById(TenantId tenant, UUID id);

  /**
   * @param tenant the caller's tenant
   * @param phone a phone in E.164 form
   * @return the customer, active or not, with exactly that phone in that tenant
   */
  Optional<Customer> findByPhone(TenantId tenant, String phone);

  /**
   * @param tenant the caller's tenant
   * @param filter the criteria, already normalized (the phone in E.164)
   * @param page which slice to return
   * @param sort the order
   * @return the matching customers of that tenant and their total count
   */
  Page<Customer> find(TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort);

  /**
   * Replaces every mutable field (name, phone, contact fields, address, tax number, notes, active
   * flag, {@code updatedAt}, version) of the customer with {@code next.id()} in {@code
   * next.tenant()}, if its stored version is still {@code expectedVersion}.
   *
   * @param next the new state; {@code next.version()} is {@code expectedVersion + 1}
   * @param expectedVersion the version the change was computed from
   * @return whether the write won; false if the customer changed or vanished meanwhile
   * @throws ConflictException if the new phone belongs to another customer of the tenant
   */
  boolean update(Customer next, long expectedVersion);

  /**
   * Erases a customer for good.
   *
   * @param tenant the caller's tenant
   * @param id a customer id
   * @return whether a customer of that tenant was erased
   */
  boolean delete(TenantId tenant, UUID id);

  /**
   * For adapters, as defence in depth behind the core's text policy: refuses a customer holding a
   * string that a store could not keep exactly (an unpaired surrogate, a NUL), instead of letting
   * a driver turn it into {@code ?} or U+FFFD. Call it before writing.
   *
   * @param customer what is about to be written
   * @return the same customer
   * @throws io.ledgerkit.ValidationException naming the field that cannot be stored exactly
   */
  static Customer requireStorable(Customer customer) {
    TextPolicy.requireStorable("tenant", customer.tenant().value());
    TextPolicy.requireStorable("name", customer.name());
    TextPolicy.requireStorable("phone", customer.phone());
    TextPolicy.requireStorable("contactName", customer.contactName());
    TextPolicy.requireStorable("contactEmail", customer.contactEmail());
    TextPolicy.requireStorable("address", customer.address());
    TextPolicy.requireStorable("taxNumber", customer.taxNumber());
    TextPolicy.requireStorable("notes", customer.notes());
    return customer;
  }

  /**
   * For adapters: refuses filter values a store could not compare exactly, as {@link
   * #requireStorable(Customer)} does for writes. Call it before querying.
   *
   * @param filter the criteria about to be sent
   * @return the same filter
   * @throws io.ledgerkit.ValidationException naming the criterion that cannot be sent exactly
   */
  static CustomerFilter requireStorable(CustomerFilter filter) {
    TextPolicy.requireStorable("name", filter.name());
    TextPolicy.requireStorable("phone", filter.phone());
    TextPolicy.requireStorable("contactName", filter.contactName());
    TextPolicy.requireStorable("contactEmail", filter.contactEmail());
    TextPolicy.requireStorable("taxNumber", filter.taxNumber());
    return filter;
  }
}
