package io.ledgerkit.examples.rest.api;

import io.ledgerkit.FieldError;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerCreated;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerInput;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerView;
import io.ledgerkit.examples.rest.api.Paging.PageView;
import io.ledgerkit.tenant.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Seed 000's customer API: create (deduplicated by phone), read, list, update, delete. */
@RestController
@RequestMapping("/customers")
@Tag(name = "customers", description = "Customers of a business (seed 000)")
public class CustomerController {

  /** The JSON names of a patch's fields and the SDK fields they set. */
  static final Map<String, String> PATCH_FIELDS = Map.of("name", "name", "phone", "phone",
      "contactName", "contactName", "contactEmail", "contactEmail", "address", "address",
      "taxNumber", "taxNumber", "notes", "notes");

  private final CustomerService customers;

  /** @param ledgerkit the SDK */
  public CustomerController(Ledgerkit ledgerkit) {
    this.customers = ledgerkit.customers();
  }

  /**
   * @param caller the token's caller
   * @param body the customer
   * @return 201 with the new customer, or 200 when the phone was known and that customer updated
   */
  @PostMapping
  @Operation(summary = "Create a customer; a known phone updates that one instead (isNew false)")
  public ResponseEntity<CustomerCreated> create(Caller caller, @RequestBody CustomerInput body) {
    CreateResult result = customers.create(caller, body.draft());
    return created(result);
  }

  static ResponseEntity<CustomerCreated> created(CreateResult result) {
    CustomerCreated json = CustomerCreated.of(result);
    return result.isNew()
        ? ResponseEntity.created(URI.create("/customers/" + result.customer().id())).body(json)
        : ResponseEntity.ok(json);
  }

  /**
   * @param caller the token's caller
   * @param name part of the name, ignoring case
   * @param phone the phone, after normalization
   * @param contactName part of the contact name, ignoring case
   * @param contactEmail the e-mail, ignoring case
   * @param taxNumber the tax number, exactly
   * @param includeInactive whether soft-deleted customers are listed too
   * @param sort {@code newest} (default), {@code oldest} or {@code name}
   * @param offset how many to skip
   * @param limit the page size, 1 to 1000, default 50
   * @return one page
   */
  @GetMapping
  @Operation(summary = "List customers, newest first, active only unless asked")
  public PageView<CustomerView> list(Caller caller, @RequestParam @Nullable String name,
      @RequestParam @Nullable String phone, @RequestParam @Nullable String contactName,
      @RequestParam @Nullable String contactEmail, @RequestParam @Nullable String taxNumber,
      @RequestParam(defaultValue = "false") boolean includeInactive,
      @RequestParam(defaultValue = "newest") String sort, @RequestParam @Nullable Integer offset,
      @RequestParam @Nullable Integer limit) {
    CustomerFilter filter = new CustomerFilter(name, phone, contactName, contactEmail, taxNumber,
        includeInactive);
    return PageView.of(customers.list(caller, filter, Paging.of(offset, limit), sort(sort)),
        CustomerView::of);
  }

  private static CustomerSort sort(String sort) {
    return switch (sort) {
      case "newest" -> CustomerSort.NEWEST_FIRST;
      case "oldest" -> CustomerSort.OLDEST_FIRST;
      case "name" -> CustomerSort.NAME;
      default -> throw ValidationException.of("sort", FieldError.INVALID,
          "one of newest, oldest, name");
    };
  }

  /**
   * @param caller the token's caller
   * @param id the customer's id
   * @return the customer, active or not
   */
  @GetMapping("/{id}")
  @Operation(summary = "Get a customer")
  public CustomerView get(Caller caller, @PathVariable UUID id) {
    return customers.findById(caller, id).map(CustomerView::of)
        .orElseThrow(() -> new NotFoundException("customer", caller.tenant(), id));
  }

  /**
   * @param caller the token's caller
   * @param phone the phone in any format the tenant accepts
   * @return the customer with that phone
   */
  @GetMapping("/by-phone")
  @Operation(summary = "Get the customer with a phone (404 if none)")
  public CustomerView byPhone(Caller caller, @RequestParam String phone) {
    return customers.findByPhone(caller, phone).map(CustomerView::of)
        .orElseThrow(() -> new NotFoundException("customer", caller.tenant(), "with that phone"));
  }

  /**
   * @param caller the token's caller
   * @param id the customer's id
   * @param body the fields to change; null clears one; {@code expectedVersion} checks the version
   * @return the customer as stored afterwards
   */
  @PatchMapping("/{id}")
  @Operation(summary = "Update the given fields of a customer")
  public CustomerView update(Caller caller, @PathVariable UUID id,
      @RequestBody Map<String, @Nullable Object> body) {
    return CustomerView.of(customers.update(caller, id, Patches.customer(body, PATCH_FIELDS, "")));
  }

  /**
   * @param caller the token's caller
   * @param id the customer's id
   * @return the customer, now inactive
   */
  @DeleteMapping("/{id}")
  @Operation(summary = "Soft-delete a customer (it keeps its phone; a create reactivates it)")
  public CustomerView delete(Caller caller, @PathVariable UUID id) {
    return CustomerView.of(customers.softDelete(caller, id));
  }

  /**
   * @param caller the token's caller
   * @param id the customer's id
   * @return the customer, active again
   */
  @PostMapping("/{id}/restore")
  @Operation(summary = "Reactivate a soft-deleted customer")
  public CustomerView restore(Caller caller, @PathVariable UUID id) {
    return CustomerView.of(customers.restore(caller, id));
  }

  /**
   * @param caller the token's caller
   * @param id the customer's id
   */
  @PostMapping("/{id}/purge")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Erase a customer for good, as a privacy request needs (OWNER, ADMIN)")
  public void purge(Caller caller, @PathVariable UUID id) {
    customers.purge(caller, id);
  }
}
