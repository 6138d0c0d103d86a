package io.ledgerkit.jpa;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds candidate customers as the core hands them to the adapter: version 1, a fresh id. */
final class CustomerBuilder {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00.123Z");

  private UUID id = UUID.randomUUID();
  private final TenantId tenant;
  private @Nullable String name = "Asha Traders";
  private @Nullable String phone;
  private @Nullable String contactName;
  private @Nullable String contactEmail;
  private @Nullable String address;
  private @Nullable String taxNumber;
  private @Nullable String notes;
  private Instant at = START;

  private CustomerBuilder(TenantId tenant) {
    this.tenant = tenant;
  }

  static CustomerBuilder aCustomer(TenantId tenant) {
    return new CustomerBuilder(tenant);
  }

  static TenantId aTenant() {
    return TenantId.of("tenant-" + UUID.randomUUID());
  }

  CustomerBuilder withId(UUID value) {
    id = value;
    return this;
  }

  CustomerBuilder named(@Nullable String value) {
    name = value;
    return this;
  }

  CustomerBuilder withPhone(@Nullable String value) {
    phone = value;
    return this;
  }

  CustomerBuilder withContactName(@Nullable String value) {
    contactName = value;
    return this;
  }

  CustomerBuilder withContactEmail(@Nullable String value) {
    contactEmail = value;
    return this;
  }

  CustomerBuilder withAddress(@Nullable String value) {
    address = value;
    return this;
  }

  CustomerBuilder withTaxNumber(@Nullable String value) {
    taxNumber = value;
    return this;
  }

  CustomerBuilder withNotes(@Nullable String value) {
    notes = value;
    return this;
  }

  CustomerBuilder at(Instant value) {
    at = value;
    return this;
  }

  /** @return the candidate; a null name is kept, so that tests can provoke a NOT NULL failure */
  Customer build() {
    return new Customer(id, tenant, name, phone, contactName, contactEmail, address, taxNumber,
        notes, true, at, at, 1);
  }
}
