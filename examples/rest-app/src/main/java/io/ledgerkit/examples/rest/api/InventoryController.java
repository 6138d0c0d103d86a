package io.ledgerkit.examples.rest.api;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.examples.rest.api.InventoryJson.CorrectionInput;
import io.ledgerkit.examples.rest.api.InventoryJson.MovementInput;
import io.ledgerkit.examples.rest.api.InventoryJson.MovementView;
import io.ledgerkit.examples.rest.api.InventoryJson.Recorded;
import io.ledgerkit.examples.rest.api.InventoryJson.Stock;
import io.ledgerkit.examples.rest.api.InventoryJson.StockList;
import io.ledgerkit.examples.rest.api.InventoryJson.TransferInput;
import io.ledgerkit.examples.rest.api.InventoryJson.TransferView;
import io.ledgerkit.examples.rest.api.Paging.PageView;
import io.ledgerkit.examples.rest.security.Callers;
import io.ledgerkit.inventory.InventoryService;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.inventory.Transfer;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 004's inventory movements, an immutable stock ledger: record, correct (a correction
 * movement referencing the wrong one), transfer between two stores, read, list, and stock on hand.
 * There is no route that changes or deletes a movement. The store is the token's tenant.
 */
@RestController
@Tag(name = "inventory", description = "Inventory movements and stock on hand (seed 004)")
@FieldNames({"itemId=inventoryItemId", "type=movementType", "timestamp=movementTimestamp",
    "reason=movementReason", "itemIds=inventoryItemId"})
public class InventoryController {

  private final InventoryService inventory;

  /** @param ledgerkit the SDK */
  public InventoryController(Ledgerkit ledgerkit) {
    this.inventory = ledgerkit.inventory();
  }

  /**
   * @param caller the token's caller
   * @param body the movement
   * @return 201 with the movement and the item's stock after it
   */
  @PostMapping("/inventory-movements")
  @Operation(summary = "Record a movement (STAFF); a sale that would oversell is refused with 409")
  public ResponseEntity<Recorded> record(Caller caller, @RequestBody MovementInput body) {
    MovementDraft draft = new MovementDraft(body.inventoryItemId(),
        InventoryJson.type("movementType", body.movementType()), body.quantityDelta(),
        body.movementTimestamp(), body.movementReason(), null);
    return created(inventory.record(caller, draft));
  }

  /**
   * @param caller the token's caller
   * @param id the movement to correct
   * @param body the correction
   * @return 201 with the correction and the item's stock after it
   */
  @PostMapping("/inventory-movements/{id}/corrections")
  @Operation(summary = "Record a correction of a movement (either sign, with a reason)")
  public ResponseEntity<Recorded> correct(Caller caller, @PathVariable UUID id,
      @RequestBody CorrectionInput body) {
    MovementDraft draft = new MovementDraft(body.inventoryItemId(), MovementType.CORRECTION,
        body.quantityDelta(), body.movementTimestamp(), body.movementReason(), id);
    return created(inventory.record(caller, draft));
  }

  private static ResponseEntity<Recorded> created(RecordedMovement recorded) {
    return ResponseEntity.created(URI.create("/inventory-movements/" + recorded.movement().id()))
        .body(Recorded.of(recorded));
  }

  /**
   * @param caller the token's caller
   * @param jwt the token, for the user's roles in the destination store
   * @param body the transfer
   * @return 201 with both legs
   */
  @PostMapping("/inventory-transfers")
  @FieldNames({"tenant=destinationStoreId", "to=destinationStoreId"})
  @Operation(summary = "Move stock to another store of the same user: both legs or neither")
  public ResponseEntity<TransferView> transfer(Caller caller, @AuthenticationPrincipal Jwt jwt,
      @RequestBody TransferInput body) {
    Caller destination = Callers.in(jwt, body.destinationStoreId());
    Transfer transfer = inventory.transfer(caller, destination, new TransferDraft(
        body.inventoryItemId(), body.destinationItemId(), body.quantity(),
        body.movementTimestamp(), body.movementReason()));
    return ResponseEntity.created(URI.create("/inventory-movements/" + transfer.out().id()))
        .body(TransferView.of(transfer));
  }

  /**
   * @param caller the token's caller
   * @param id the movement
   * @return the movement
   */
  @GetMapping("/inventory-movements/{id}")
  @Operation(summary = "Get a movement")
  public MovementView get(Caller caller, @PathVariable UUID id) {
    return inventory.findById(caller, id).map(MovementView::of)
        .orElseThrow(() -> new NotFoundException("movement", caller.tenant(), id));
  }

  /**
   * @param caller the token's caller
   * @param inventoryItemId the item
   * @param movementType the type
   * @param from the earliest timestamp, inclusive
   * @param to the latest timestamp, exclusive
   * @param userId who performed it
   * @param offset how many to skip
   * @param limit the page size, 1 to 1000, default 50
   * @return one page, newest first
   */
  @GetMapping("/inventory-movements")
  @Operation(summary = "List movements, newest first")
  public PageView<MovementView> list(Caller caller, @RequestParam @Nullable String inventoryItemId,
      @RequestParam @Nullable String movementType,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
      @RequestParam @Nullable String userId, @RequestParam @Nullable Integer offset,
      @RequestParam @Nullable Integer limit) {
    MovementFilter filter = new MovementFilter(inventoryItemId,
        InventoryJson.type("movementType", movementType), from, to, userId);
    return PageView.of(inventory.list(caller, filter, Paging.of(offset, limit)), MovementView::of);
  }

  /**
   * @param caller the token's caller
   * @param inventoryItemId the item
   * @return its stock on hand in the token's store
   */
  @GetMapping("/inventory-stock/{inventoryItemId}")
  @Operation(summary = "Stock on hand of one item")
  public Stock stock(Caller caller, @PathVariable String inventoryItemId) {
    return new Stock(inventoryItemId, inventory.stockOnHand(caller, inventoryItemId));
  }

  /**
   * @param caller the token's caller
   * @param items the items, the parameter {@code inventoryItemId} repeated ({@code
   *     ?inventoryItemId=a&inventoryItemId=b}), at most 1000
   * @return the stock of each, in the order asked
   */
  @GetMapping("/inventory-stock")
  @Operation(summary = "Stock on hand of many items")
  public StockList stocks(Caller caller,
      @RequestParam(name = "inventoryItemId", required = false) @Nullable List<String> items) {
    return new StockList(inventory.stockOnHand(caller, items == null ? List.of() : items)
        .entrySet().stream().map(entry -> new Stock(entry.getKey(), entry.getValue())).toList());
  }
}
