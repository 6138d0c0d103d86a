package io.ledgerkit.mongo;

import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Test data: candidates as the core hands them to a repository (fresh id, version 1). */
final class TestCustomers {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final TenantId tenant;
  private final String name;
  private final @Nullable String phone;
  private final @Nullable String contactName;
  private final @Nullable String contactEmail;
  private final @Nullable String taxNumber;
  private final Instant at;

  private TestCustomers(TenantId tenant, String name, @Nullable String phone,
      @Nullable String contactName, @Nullable String contactEmail, @Nullable String taxNumber,
      Instant at) {
    this.tenant = tenant;
    this.name = name;
    this.phone = phone;
    this.contactName = contactName;
    this.contactEmail = contactEmail;
    this.taxNumber = taxNumber;
    this.at = at;
  }

  static TenantId randomTenant() {
    return new TenantId("tenant-" + UUID.randomUUID());
  }

  static TestCustomers aCustomer(TenantId tenant) {
    return new TestCustomers(tenant, "Asha Traders", null, null, null, null, T0);
  }

  TestCustomers named(String value) {
    return new TestCustomers(tenant, value, phone, contactName, contactEmail, taxNumber, at);
  }

  TestCustomers withPhone(@Nullable String value) {
    return new TestCustomers(tenant, name, value, contactName, contactEmail, taxNumber, at);
  }

  TestCustomers withContactName(@Nullable String value) {
    return new TestCustomers(tenant, name, phone, value, contactEmail, taxNumber, at);
  }

  TestCustomers withContactEmail(@Nullable String value) {
    return new TestCustomers(tenant, name, phone, contactName, value, taxNumber, at);
  }

  TestCustomers withTaxNumber(@Nullable String value) {
    return new TestCustomers(tenant, name, phone, contactName, contactEmail, value, at);
  }

  TestCustomers at(Instant value) {
    return new TestCustomers(tenant, name, phone, contactName, contactEmail, taxNumber, value);
  }

  Customer build() {
    return new Customer(UUID.randomUUID(), tenant, name, phone, contactName, contactEmail,
        null, taxNumber, null, true, at, at, 1);
  }
}
