package io.ledgerkit.examples.rest.api;

import io.ledgerkit.FieldError;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.examples.rest.api.FeeJson.Checkout;
import io.ledgerkit.examples.rest.api.FeeJson.CheckoutRefreshed;
import io.ledgerkit.examples.rest.api.FeeJson.CheckoutStarted;
import io.ledgerkit.examples.rest.api.FeeJson.FeeAssessed;
import io.ledgerkit.examples.rest.api.FeeJson.FeeEventView;
import io.ledgerkit.examples.rest.api.FeeJson.FeeInput;
import io.ledgerkit.examples.rest.api.FeeJson.FeeView;
import io.ledgerkit.examples.rest.api.FeeJson.ManualPaymentInput;
import io.ledgerkit.examples.rest.api.FeeJson.NoteInput;
import io.ledgerkit.examples.rest.api.Paging.PageView;
import io.ledgerkit.fee.AssessResult;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.PaymentOutcome;
import io.ledgerkit.fee.PaymentStart;
import io.ledgerkit.tenant.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 001's fees as payable orders and seed 002's fee events (the audit log, read only: there is
 * no route that changes or deletes an event), with the seed's Stripe routes {@code
 * /startcheckout/fee/{feeId}} and {@code /refreshcheckout/fee/{feeId}}. Status changes only through
 * the action routes, each one step of the transition table.
 */
@RestController
@Tag(name = "fees", description = "Fees as payable orders (seed 001) and their events (seed 002)")
public class FeeController {

  private final FeeService fees;

  /** @param ledgerkit the SDK */
  public FeeController(Ledgerkit ledgerkit) {
    this.fees = ledgerkit.fees();
  }

  /**
   * @param caller the token's caller
   * @param body the fee
   * @return 201 with a new fee, or 200 when an unpaid fee of that member and loan was assessed
   *     again
   */
  @PostMapping("/fees")
  @Operation(summary = "Assess a fee; an unpaid fee of the same member and loan is assessed again")
  public ResponseEntity<FeeAssessed> assess(Caller caller, @RequestBody FeeInput body) {
    FeeDraft draft = new FeeDraft(body.userId(), body.loanId(), body.amount(),
        body.currency() == null ? FeeDraft.DEFAULT_CURRENCY : body.currency(),
        FeeJson.reason("reason", body.reason()), body.note());
    AssessResult result = fees.assess(caller, draft);
    FeeAssessed json = new FeeAssessed(FeeView.of(result.fee()), result.isNew());
    return result.isNew()
        ? ResponseEntity.created(URI.create("/fees/" + result.fee().id())).body(json)
        : ResponseEntity.ok(json);
  }

  /**
   * @param caller the token's caller; a member sees only their own fees
   * @param userId the owner
   * @param loanId the loan
   * @param amount exactly this amount
   * @param minAmount at least this amount
   * @param maxAmount at most this amount
   * @param status the status
   * @param reason the reason
   * @param includeInactive whether soft-deleted fees are listed too
   * @param offset how many to skip
   * @param limit the page size, 1 to 1000, default 50
   * @return one page, newest first
   */
  @GetMapping("/fees")
  @Operation(summary = "List fees, newest first")
  public PageView<FeeView> list(Caller caller, @RequestParam @Nullable String userId,
      @RequestParam @Nullable String loanId, @RequestParam @Nullable BigDecimal amount,
      @RequestParam @Nullable BigDecimal minAmount, @RequestParam @Nullable BigDecimal maxAmount,
      @RequestParam @Nullable String status, @RequestParam @Nullable String reason,
      @RequestParam(defaultValue = "false") boolean includeInactive,
      @RequestParam @Nullable Integer offset, @RequestParam @Nullable Integer limit) {
    if (amount != null && (minAmount != null || maxAmount != null)) {
      throw ValidationException.of("amount", FieldError.NOT_ALLOWED,
          "give either amount or minAmount/maxAmount");
    }
    FeeFilter filter = new FeeFilter(userId, loanId, amount != null ? amount : minAmount,
        amount != null ? amount : maxAmount, FeeJson.status("status", status),
        FeeJson.reason("reason", reason), includeInactive);
    return PageView.of(fees.list(caller, filter, Paging.of(offset, limit)), FeeView::of);
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @return the fee
   */
  @GetMapping("/fees/{id}")
  @Operation(summary = "Get a fee")
  public FeeView get(Caller caller, @PathVariable UUID id) {
    return fees.findById(caller, id).map(FeeView::of)
        .orElseThrow(() -> new NotFoundException("fee", caller.tenant(), id));
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @return its events, oldest first
   */
  @GetMapping("/fees/{id}/events")
  @Operation(summary = "The fee's history (its events, oldest first; append-only)")
  public List<FeeEventView> history(Caller caller, @PathVariable UUID id) {
    return fees.history(caller, id).stream().map(FeeEventView::of).toList();
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @param body the note
   * @return the fee as stored afterwards
   */
  @PatchMapping("/fees/{id}")
  @Operation(summary = "Change the fee's note (the only field a patch may change)")
  public FeeView note(Caller caller, @PathVariable UUID id, @RequestBody NoteInput body) {
    return FeeView.of(fees.addNote(caller, id, body.note()));
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @param body an optional note
   * @return the fee, waived
   */
  @PostMapping("/fees/{id}/waive")
  @Operation(summary = "Waive an unpaid fee (STAFF)")
  public FeeView waive(Caller caller, @PathVariable UUID id, @RequestBody(required = false)
      @Nullable NoteInput body) {
    return FeeView.of(fees.waive(caller, id, body == null ? null : body.note()));
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @param body an optional note
   * @return the fee, canceled
   */
  @PostMapping("/fees/{id}/cancel")
  @Operation(summary = "Cancel an unpaid fee (STAFF)")
  public FeeView cancel(Caller caller, @PathVariable UUID id, @RequestBody(required = false)
      @Nullable NoteInput body) {
    return FeeView.of(fees.cancel(caller, id, body == null ? null : body.note()));
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @param body how it was paid
   * @return the fee, paid
   */
  @PostMapping("/fees/{id}/manual-payment")
  @Operation(summary = "Record a payment received by hand: cash, pos or other (STAFF)")
  public FeeView manualPayment(Caller caller, @PathVariable UUID id,
      @RequestBody ManualPaymentInput body) {
    return FeeView.of(fees.recordManualPayment(caller, id,
        FeeJson.method("method", body.method()), body.note()));
  }

  /**
   * @param caller the token's caller
   * @param id the fee
   * @return the fee, canceled and inactive
   */
  @DeleteMapping("/fees/{id}")
  @Operation(summary = "Soft-delete an unpaid fee (OWNER, ADMIN); records a canceled event")
  public FeeView delete(Caller caller, @PathVariable UUID id) {
    return FeeView.of(fees.softDelete(caller, id));
  }

  /**
   * @param caller the token's caller: the fee's owner or staff
   * @param feeId the fee
   * @return the checkout to send the payer to
   */
  @PostMapping("/startcheckout/fee/{feeId}")
  @Operation(summary = "Start paying a fee online: a Stripe Checkout Session (owner or STAFF)")
  public CheckoutStarted startCheckout(Caller caller, @PathVariable UUID feeId) {
    PaymentStart start = fees.startPayment(caller, feeId);
    return new CheckoutStarted(FeeView.of(start.fee()),
        new Checkout(start.session().reference(), start.session().url()), start.isNew());
  }

  /**
   * @param caller the token's caller: the fee's owner or staff
   * @param feeId the fee
   * @return the fee and whether Stripe's answer moved it
   */
  @PostMapping("/refreshcheckout/fee/{feeId}")
  @Operation(summary = "Settle a payment in progress from Stripe's session (no webhook came)")
  public CheckoutRefreshed refreshCheckout(Caller caller, @PathVariable UUID feeId) {
    PaymentOutcome outcome = fees.refreshPayment(caller, feeId);
    return new CheckoutRefreshed(FeeView.of(outcome.fee()), outcome.applied());
  }
}
