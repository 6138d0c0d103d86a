package io.ledgerkit.examples.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON of seed 000's customer, its create input and its by-query criteria. */
public final class CustomerJson {

  private CustomerJson() {}

  /**
   * A customer as stored.
   *
   * @param id its id
   * @param businessId the tenant (seed 000 names it so)
   * @param name display name
   * @param phone E.164, or null
   * @param contactName the contact person
   * @param contactEmail the contact's e-mail
   * @param address the postal address
   * @param taxNumber the tax (GST/VAT) number
   * @param notes internal notes
   * @param isActive false once soft-deleted
   * @param createdAt when created
   * @param updatedAt when last changed
   * @param version 1 on creation, plus one per change
   */
  public record CustomerView(UUID id, String businessId, String name, @Nullable String phone,
      @Nullable String contactName, @Nullable String contactEmail, @Nullable String address,
      @Nullable String taxNumber, @Nullable String notes,
      @JsonProperty("isActive") boolean isActive, Instant createdAt, Instant updatedAt,
      long version) {

    static CustomerView of(Customer c) {
      return new CustomerView(c.id(), c.tenant().value(), c.name(), c.phone(), c.contactName(),
          c.contactEmail(), c.address(), c.taxNumber(), c.notes(), c.active(), c.createdAt(),
          c.updatedAt(), c.version());
    }

    static List<CustomerView> of(List<Customer> customers) {
      return customers.stream().map(CustomerView::of).toList();
    }
  }

  /**
   * What a create gives; the tenant is the token's, never the body's.
   *
   * @param name display name; required
   * @param phone in any common format; the identity within the tenant
   * @param contactName the contact person
   * @param contactEmail the contact's e-mail
   * @param address the postal address
   * @param taxNumber the tax (GST/VAT) number
   * @param notes internal notes
   */
  public record CustomerInput(@Nullable String name, @Nullable String phone,
      @Nullable String contactName, @Nullable String contactEmail, @Nullable String address,
      @Nullable String taxNumber, @Nullable String notes) {

    CustomerDraft draft() {
      return new CustomerDraft(name, phone, contactName, contactEmail, address, taxNumber, notes);
    }

    static List<@Nullable CustomerDraft> drafts(@Nullable List<@Nullable CustomerInput> inputs) {
      return inputs == null ? List.of()
          : inputs.stream().map(input -> input == null ? null : input.draft()).toList();
    }
  }

  /**
   * The outcome of a create.
   *
   * @param customer the customer as stored
   * @param isNew false when a customer with that phone existed and was updated instead
   */
  public record CustomerCreated(CustomerView customer, @JsonProperty("isNew") boolean isNew) {

    static CustomerCreated of(CreateResult result) {
      return new CustomerCreated(CustomerView.of(result.customer()), result.isNew());
    }
  }

  /**
   * Criteria of a by-query operation, ANDed with the caller's tenant; at least one is required.
   *
   * @param name part of the name, ignoring case
   * @param phone the phone, after normalization
   * @param contactName part of the contact name, ignoring case
   * @param contactEmail the e-mail, ignoring case
   * @param taxNumber the tax number, exactly
   * @param includeInactive whether soft-deleted customers match too
   */
  public record CustomerQuery(@Nullable String name, @Nullable String phone,
      @Nullable String contactName, @Nullable String contactEmail, @Nullable String taxNumber,
      @Nullable Boolean includeInactive) {

    CustomerFilter filter() {
      return new CustomerFilter(name, phone, contactName, contactEmail, taxNumber,
          Boolean.TRUE.equals(includeInactive));
    }
  }

  /**
   * What a bulk change did.
   *
   * @param count how many customers it changed
   * @param customers those customers as stored afterwards
   */
  public record BulkChange(int count, List<CustomerView> customers) {

    static BulkChange of(List<Customer> changed) {
      return new BulkChange(changed.size(), CustomerView.of(changed));
    }
  }
}
