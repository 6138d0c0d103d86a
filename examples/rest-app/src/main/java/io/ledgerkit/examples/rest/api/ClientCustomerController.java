package io.ledgerkit.examples.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's client customers: the same customers as {@code /customers} (one aggregate), under
 * seed 003's names ({@code clientId}, {@code phoneNumber}, {@code emailId}, {@code gstNo}) and
 * answers ({@code success}, {@code clientCustomer}, {@code isNew}). Delete is a soft delete (the
 * domain rules decide against the seed's hard delete; the permanent erase is {@code POST
 * /customers/{id}/purge}).
 */
@RestController
@RequestMapping("/client-customers")
@Tag(name = "client-customers", description = "Client customers, identified by phone (seed 003)")
@FieldNames({"contactEmail=emailId", "taxNumber=gstNo", "draft=body"})
public class ClientCustomerController {

  /** The JSON names of a patch's fields and the SDK fields they set. */
  static final Map<String, String> PATCH_FIELDS = Map.of("name", "name", "phone", "phone",
      "address", "address", "emailId", "contactEmail", "gstNo", "taxNumber");

  private final CustomerService customers;

  /** @param ledgerkit the SDK */
  public ClientCustomerController(Ledgerkit ledgerkit) {
    this.customers = ledgerkit.customers();
  }

  /**
   * A client customer as stored.
   *
   * @param id its id
   * @param clientId the owning client (the tenant)
   * @param name the name
   * @param phoneNumber E.164, unique within the client
   * @param address the address
   * @param emailId the e-mail
   * @param gstNo the GST number
   * @param isActive false once deleted
   * @param createdAt when created
   * @param updatedAt when last changed
   */
  public record ClientCustomerView(UUID id, String clientId, String name,
      @Nullable String phoneNumber, @Nullable String address, @Nullable String emailId,
      @Nullable String gstNo, @JsonProperty("isActive") boolean isActive, Instant createdAt,
      Instant updatedAt) {

    static ClientCustomerView of(Customer c) {
      return new ClientCustomerView(c.id(), c.tenant().value(), c.name(), c.phone(), c.address(),
          c.contactEmail(), c.taxNumber(), c.active(), c.createdAt(), c.updatedAt());
    }
  }

  /**
   * What a create gives; the client is the token's tenant.
   *
   * @param name the name; shorter than 2 characters becomes {@code clientCustomer}
   * @param phone the phone in any common format
   * @param address the address
   * @param emailId the e-mail
   * @param gstNo the GST number
   */
  public record ClientCustomerInput(@Nullable String name, @Nullable String phone,
      @Nullable String address, @Nullable String emailId, @Nullable String gstNo) {

    CustomerDraft draft() {
      return new CustomerDraft(name, phone, null, emailId, address, gstNo, null);
    }
  }

  /**
   * Find-or-create for an invoice: the customer with {@code clientCustomerId}, or else the one with
   * the phone, or else a new one.
   *
   * @param clientCustomerId an existing customer, or null to go by phone
   * @param name the name of a customer to create
   * @param phone the phone
   * @param address the address
   * @param emailId the e-mail
   * @param gstNo the GST number
   */
  public record FindOrCreateInput(@Nullable UUID clientCustomerId, @Nullable String name,
      @Nullable String phone, @Nullable String address, @Nullable String emailId,
      @Nullable String gstNo) {}

  /**
   * Seed 003's answer for one customer.
   *
   * @param success always true; failures are problem details
   * @param clientCustomer the customer, or null when a lookup found none
   * @param isNew whether it was created, for creates only
   */
  public record ClientCustomerResult(boolean success, @Nullable ClientCustomerView clientCustomer,
      @JsonProperty("isNew") @Nullable Boolean isNew) {

    static ClientCustomerResult of(@Nullable Customer customer) {
      return new ClientCustomerResult(true,
          customer == null ? null : ClientCustomerView.of(customer), null);
    }

    static ClientCustomerResult of(CreateResult result) {
      return new ClientCustomerResult(true, ClientCustomerView.of(result.customer()),
          result.isNew());
    }
  }

  /**
   * Seed 003's answer for the list.
   *
   * @param success always true
   * @param clientCustomers every customer of the client, newest first
   */
  public record ClientCustomerList(boolean success, List<ClientCustomerView> clientCustomers) {}

  /**
   * @param caller the token's caller
   * @param body the customer
   * @return 201 with a new customer, 200 when the phone was known and that customer updated
   */
  @PostMapping
  @Operation(summary = "Create a client customer; a known phone updates it (isNew false)")
  public ResponseEntity<ClientCustomerResult> create(Caller caller,
      @RequestBody ClientCustomerInput body) {
    CreateResult result = customers.create(caller, body.draft());
    ClientCustomerResult json = ClientCustomerResult.of(result);
    return result.isNew()
        ? ResponseEntity.created(URI.create("/client-customers/" + result.customer().id()))
            .body(json)
        : ResponseEntity.ok(json);
  }

  /**
   * @param caller the token's caller
   * @return every customer of the client, active and inactive, newest first, without paging (seed
   *     003), read from the SDK page by page
   */
  @GetMapping
  @Operation(summary = "All client customers, active and inactive, newest first (no paging)")
  public ClientCustomerList list(Caller caller) {
    List<ClientCustomerView> all = new ArrayList<>();
    CustomerFilter everyone = CustomerFilter.all().includingInactive();
    PageRequest request = PageRequest.of(0, PageRequest.MAX_LIMIT);
    Page<Customer> page;
    do {
      page = customers.list(caller, everyone, request, CustomerSort.NEWEST_FIRST);
      page.items().forEach(customer -> all.add(ClientCustomerView.of(customer)));
      request = request.next();
    } while (page.hasNext());
    return new ClientCustomerList(true, all);
  }

  /**
   * @param caller the token's caller
   * @param phone the phone in any format the client accepts
   * @return the customer with that phone, or {@code clientCustomer: null}
   */
  @GetMapping("/by-phone")
  @Operation(summary = "The client customer with a phone, or clientCustomer null")
  public ClientCustomerResult byPhone(Caller caller, @RequestParam String phone) {
    return ClientCustomerResult.of(customers.findByPhone(caller, phone).orElse(null));
  }

  /**
   * @param caller the token's caller
   * @param id the customer
   * @param body the fields to change ({@code name}, {@code phone}, {@code address}, {@code
   *     emailId}, {@code gstNo}); null clears one
   * @return the customer as stored afterwards
   */
  @PatchMapping("/{id}")
  @Operation(summary = "Update the given fields of a client customer")
  public ClientCustomerResult update(Caller caller, @PathVariable UUID id,
      @RequestBody Map<String, @Nullable Object> body) {
    return ClientCustomerResult.of(
        customers.update(caller, id, Patches.customer(body, PATCH_FIELDS, "")));
  }

  /**
   * @param caller the token's caller
   * @param id the customer
   * @return the customer, now inactive
   */
  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a client customer (soft: it keeps its phone and history)")
  public ClientCustomerResult delete(Caller caller, @PathVariable UUID id) {
    return ClientCustomerResult.of(customers.softDelete(caller, id));
  }

  /**
   * @param caller the token's caller
   * @param body an id, or a phone and the customer to create if none has it
   * @return the customer, unchanged if found, and whether it was created
   */
  @PostMapping("/find-or-create")
  @Operation(summary = "An invoice's customer: by id, else by phone, else created (seed 003)")
  public ClientCustomerResult findOrCreate(Caller caller, @RequestBody FindOrCreateInput body) {
    CustomerDraft draft = new CustomerDraft(body.name(), body.phone(), null, body.emailId(),
        body.address(), body.gstNo(), null);
    if (draft.equals(new CustomerDraft(null, null, null, null, null, null, null))) {
      draft = null;
    }
    return ClientCustomerResult.of(customers.findOrCreate(caller, body.clientCustomerId(), draft));
  }
}
