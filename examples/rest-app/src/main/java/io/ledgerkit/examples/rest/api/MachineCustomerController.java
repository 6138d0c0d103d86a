package io.ledgerkit.examples.rest.api;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.examples.rest.api.CustomerJson.BulkChange;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerCreated;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerInput;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerQuery;
import io.ledgerkit.examples.rest.api.CustomerJson.CustomerView;
import io.ledgerkit.examples.rest.security.Callers;
import io.ledgerkit.tenant.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 000's machine-to-machine routes. The seed serves them without login; here they need a token
 * and act with its {@code SYSTEM} role only (see {@link Callers#machine}), so a person's token,
 * even an OWNER's, is refused with 403 by the SDK. Every answer is 200, as the seed's edge
 * functions answer; bodies use the seed's names ({@code data}, {@code dataList}, {@code
 * dataClause}, {@code query}, {@code idList}).
 */
@RestController
@RequestMapping("/m2m/customer")
@Tag(name = "m2m", description = "Machine-to-machine customer routes (seed 000), SYSTEM only")
@FieldNames({"draft=data", "items=dataList", "ids=idList", "patch=dataClause", "filter=query"})
public class MachineCustomerController {

  private final CustomerService customers;

  /** @param ledgerkit the SDK */
  public MachineCustomerController(Ledgerkit ledgerkit) {
    this.customers = ledgerkit.customers();
  }

  /**
   * @param data the customer
   */
  public record CreateRequest(@Nullable CustomerInput data) {}

  /**
   * @param dataList the customers, at most 1000
   */
  public record BulkCreateRequest(@Nullable List<@Nullable CustomerInput> dataList) {}

  /**
   * @param dataClause the fields to change, as in {@code PATCH /customers/{id}}
   */
  public record UpdateRequest(@Nullable Map<String, @Nullable Object> dataClause) {}

  /**
   * @param query which customers; at least one criterion
   * @param dataClause the fields to change; not the phone
   */
  public record QueryUpdateRequest(@Nullable CustomerQuery query,
      @Nullable Map<String, @Nullable Object> dataClause) {}

  /**
   * @param query which customers; at least one criterion
   */
  public record QueryRequest(@Nullable CustomerQuery query) {}

  /**
   * @param idList the customers, at most 1000
   * @param dataClause the fields to change; not the phone
   */
  public record IdListUpdateRequest(@Nullable List<UUID> idList,
      @Nullable Map<String, @Nullable Object> dataClause) {}

  /**
   * @param caller the token's caller
   * @param body the customer
   * @return the customer and whether it is new
   */
  @PostMapping("/create")
  @Operation(summary = "Create a customer (deduplicated by phone)")
  public CustomerCreated create(Caller caller, @RequestBody CreateRequest body) {
    return CustomerCreated.of(customers.create(Callers.machine(caller),
        body.data() == null ? null : body.data().draft()));
  }

  /**
   * @param caller the token's caller
   * @param body the customers
   * @return one result per item, in input order
   */
  @PostMapping("/bulk-create")
  @Operation(summary = "Create many customers, deduplicated within the batch and against the store")
  public List<CustomerCreated> bulkCreate(Caller caller, @RequestBody BulkCreateRequest body) {
    return customers.bulkCreate(Callers.machine(caller),
            body.dataList() == null ? null : CustomerInput.drafts(body.dataList()))
        .stream().map(CustomerCreated::of).toList();
  }

  /**
   * @param caller the token's caller
   * @param id the customer
   * @param body the changes
   * @return the customer as stored afterwards
   */
  @PostMapping("/update/{id}")
  @Operation(summary = "Update a customer")
  public CustomerView update(Caller caller, @PathVariable UUID id,
      @RequestBody UpdateRequest body) {
    return CustomerView.of(customers.update(Callers.machine(caller), id,
        Patches.customer(body.dataClause(), CustomerController.PATCH_FIELDS, "dataClause")));
  }

  /**
   * @param caller the token's caller
   * @param id the customer
   * @return the customer, now inactive
   */
  @PostMapping("/delete/{id}")
  @Operation(summary = "Soft-delete a customer")
  public CustomerView delete(Caller caller, @PathVariable UUID id) {
    return CustomerView.of(customers.softDelete(Callers.machine(caller), id));
  }

  /**
   * @param caller the token's caller
   * @param body the criteria and the changes
   * @return the customers changed
   */
  @PostMapping("/update-by-query")
  @Operation(summary = "Update every customer matching a query (never an empty query)")
  public BulkChange updateByQuery(Caller caller, @RequestBody QueryUpdateRequest body) {
    return BulkChange.of(customers.updateByQuery(Callers.machine(caller),
        body.query() == null ? null : body.query().filter(),
        Patches.customer(body.dataClause(), CustomerController.PATCH_FIELDS, "dataClause")));
  }

  /**
   * @param caller the token's caller
   * @param body the criteria
   * @return the customers deleted
   */
  @PostMapping("/delete-by-query")
  @Operation(summary = "Soft-delete every customer matching a query (never an empty query)")
  public BulkChange deleteByQuery(Caller caller, @RequestBody QueryRequest body) {
    return BulkChange.of(customers.deleteByQuery(Callers.machine(caller),
        body.query() == null ? null : body.query().filter()));
  }

  /**
   * @param caller the token's caller
   * @param body the ids and the changes
   * @return the customers changed, in id-list order
   */
  @PostMapping("/update-by-id-list")
  @Operation(summary = "Update the listed customers; ids not of the tenant are skipped")
  public BulkChange updateByIdList(Caller caller, @RequestBody IdListUpdateRequest body) {
    return BulkChange.of(customers.updateByIds(Callers.machine(caller), body.idList(),
        Patches.customer(body.dataClause(), CustomerController.PATCH_FIELDS, "dataClause")));
  }
}
