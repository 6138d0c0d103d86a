package io.ledgerkit.testkit;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Test data for adapter-level tests that call a {@link io.ledgerkit.customer.CustomerRepository}
 * directly: customers as the core hands them to an adapter (a fresh id, version 1, active,
 * {@code createdAt == updatedAt}). Values are taken as given, unvalidated, so that a test can
 * provoke what the core would refuse. Immutable: every setter returns a new builder.
 *
 * <pre>{@code
 * Customer candidate = aCandidate(tenant).withPhone("+919876543210").at(T0.plusSeconds(1)).build();
 * }</pre>
 */
public final class CustomerCandidates {

  /** The default timestamp of a candidate, with milliseconds as the core keeps them. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

  private final UUID id;
  private final TenantId tenant;
  private final @Nullable String name;
  private final @Nullable String phone;
  private final @Nullable String contactName;
  private final @Nullable String contactEmail;
  private final @Nullable String address;
  private final @Nullable String taxNumber;
  private final @Nullable String notes;
  private final Instant at;

  private CustomerCandidates(UUID id, TenantId tenant, @Nullable String name, @Nullable String phone,
      @Nullable String contactName, @Nullable String contactEmail, @Nullable String address,
      @Nullable String taxNumber, @Nullable String notes, Instant at) {
    this.id = id;
    this.tenant = tenant;
    this.name = name;
    this.phone = phone;
    this.contactName = contactName;
    this.contactEmail = contactEmail;
    this.address = address;
    this.taxNumber = taxNumber;
    this.notes = notes;
    this.at = at;
  }

  /**
   * @param tenant the candidate's tenant
   * @return a candidate named {@code Asha Traders}, without phone or optional fields, at {@link #T0}
   */
  public static CustomerCandidates aCandidate(TenantId tenant) {
    return new CustomerCandidates(UUID.randomUUID(), tenant, "Asha Traders", null, null, null, null,
        null, null, T0);
  }

  /** @return a tenant id no other test uses */
  public static TenantId aTenant() {
    return TenantId.of("tenant-" + UUID.randomUUID());
  }

  /**
   * @param value the id
   * @return a copy with this id instead of a random one
   */
  public CustomerCandidates withId(UUID value) {
    return new CustomerCandidates(value, tenant, name, phone, contactName, contactEmail, address,
        taxNumber, notes, at);
  }

  /**
   * @param value the name; null is kept, so that a test can provoke a store's NOT NULL check
   * @return a copy with this name
   */
  public CustomerCandidates named(@Nullable String value) {
    return new CustomerCandidates(id, tenant, value, phone, contactName, contactEmail, address,
        taxNumber, notes, at);
  }

  /**
   * @param value the phone, taken as given (E.164 is what the core hands over)
   * @return a copy with this phone
   */
  public CustomerCandidates withPhone(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, value, contactName, contactEmail, address,
        taxNumber, notes, at);
  }

  /**
   * @param value the contact name
   * @return a copy with this contact name
   */
  public CustomerCandidates withContactName(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, phone, value, contactEmail, address, taxNumber,
        notes, at);
  }

  /**
   * @param value the contact e-mail
   * @return a copy with this contact e-mail
   */
  public CustomerCandidates withContactEmail(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, phone, contactName, value, address, taxNumber,
        notes, at);
  }

  /**
   * @param value the address
   * @return a copy with this address
   */
  public CustomerCandidates withAddress(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, phone, contactName, contactEmail, value,
        taxNumber, notes, at);
  }

  /**
   * @param value the tax number
   * @return a copy with this tax number
   */
  public CustomerCandidates withTaxNumber(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, phone, contactName, contactEmail, address,
        value, notes, at);
  }

  /**
   * @param value the notes
   * @return a copy with these notes
   */
  public CustomerCandidates withNotes(@Nullable String value) {
    return new CustomerCandidates(id, tenant, name, phone, contactName, contactEmail, address,
        taxNumber, value, at);
  }

  /**
   * @param value the candidate's {@code createdAt} and {@code updatedAt}
   * @return a copy at this instant
   */
  public CustomerCandidates at(Instant value) {
    return new CustomerCandidates(id, tenant, name, phone, contactName, contactEmail, address,
        taxNumber, notes, value);
  }

  /** @return the candidate customer */
  public Customer build() {
    return new Customer(id, tenant, name, phone, contactName, contactEmail, address, taxNumber,
        notes, true, at, at, 1);
  }
}
