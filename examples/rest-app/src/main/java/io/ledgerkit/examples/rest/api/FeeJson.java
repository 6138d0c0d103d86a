package io.ledgerkit.examples.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventDetails;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.ManualPaymentMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of seed 001's fee and seed 002's fee event. Amounts are decimal strings in major units
 * ({@code "2.50"}), never floating point; enums are the seeds' names with their index beside them
 * ({@code status} and {@code statusIdx}).
 */
public final class FeeJson {

  private FeeJson() {}

  /**
   * A fee as stored.
   *
   * @param id its id
   * @param tenant the library or branch
   * @param userId the member who owes it
   * @param loanId the loan, if any
   * @param amount major units, with exactly the currency's decimals
   * @param currency ISO 4217
   * @param status {@code unpaid}, {@code paymentInProgress}, {@code paid}, {@code waived}, {@code
   *     canceled}
   * @param statusIdx the status's index, 0 to 4
   * @param statusUpdateDate when the status last changed
   * @param reason {@code overdue}, {@code lost}, {@code damage}, {@code manual}, {@code system}
   * @param note the note, if any
   * @param paymentAttempts how many checkouts were started or tried
   * @param paymentReference the payment provider's id of the current or last checkout
   * @param isActive false once soft-deleted
   * @param createdAt when assessed
   * @param updatedAt when last changed
   * @param version 1 on assessment, plus one per change
   */
  public record FeeView(UUID id, String tenant, String userId, @Nullable String loanId,
      String amount, String currency, String status, int statusIdx, Instant statusUpdateDate,
      String reason, @Nullable String note, int paymentAttempts, @Nullable String paymentReference,
      @JsonProperty("isActive") boolean isActive, Instant createdAt, Instant updatedAt,
      long version) {

    static FeeView of(Fee f) {
      return new FeeView(f.id(), f.tenant().value(), f.userId(), f.loanId(),
          f.amount().toPlainString(), f.currency().getCurrencyCode(), f.status().apiName(),
          f.status().index(), f.statusUpdateDate(), f.reason().apiName(), f.note(),
          f.paymentAttempts(), f.paymentReference(), f.active(), f.createdAt(), f.updatedAt(),
          f.version());
    }
  }

  /**
   * One entry of a fee's audit log.
   *
   * @param id the event's id
   * @param feeId the fee
   * @param feeVersion the fee's version after it
   * @param eventType {@code assessed}, {@code paymentAttempt}, {@code paymentSuccess}, {@code
   *     paymentFail}, {@code waived}, {@code canceled}, {@code note}
   * @param eventTypeIdx its index, 0 to 6
   * @param eventDate when
   * @param actorUserId who
   * @param note the note given with it
   * @param fromStatus the fee's status before
   * @param toStatus the fee's status after
   * @param details what else it records
   */
  public record FeeEventView(UUID id, UUID feeId, long feeVersion, String eventType,
      int eventTypeIdx, Instant eventDate, String actorUserId, @Nullable String note,
      String fromStatus, String toStatus, DetailsView details) {

    static FeeEventView of(FeeEvent e) {
      return new FeeEventView(e.id(), e.feeId(), e.feeVersion(), e.type().apiName(),
          e.type().index(), e.eventDate(), e.actorUserId(), e.note(), e.fromStatus().apiName(),
          e.toStatus().apiName(), DetailsView.of(e.details()));
    }
  }

  /**
   * The parts of an event that its type has.
   *
   * @param amount the amount after an assessment, or asked for by a checkout
   * @param previousAmount the amount before a re-assessment
   * @param reason the reason after an assessment
   * @param paymentAttempt the attempt's number
   * @param paymentReference the checkout's id
   * @param paymentUrl where the payer completes the checkout
   * @param paymentResult {@code succeeded}, {@code failed}, {@code canceled}, {@code expired}
   * @param resultMapping how the result was mapped, e.g. {@code canceled->unpaid}
   * @param manualMethod {@code cash}, {@code pos}, {@code other}
   * @param error the provider's error code when a checkout could not start
   */
  public record DetailsView(@Nullable String amount, @Nullable String previousAmount,
      @Nullable String reason, @Nullable Integer paymentAttempt,
      @Nullable String paymentReference, @Nullable String paymentUrl,
      @Nullable String paymentResult, @Nullable String resultMapping,
      @Nullable String manualMethod, @Nullable String error) {

    static DetailsView of(FeeEventDetails d) {
      return new DetailsView(plain(d.amount()), plain(d.previousAmount()),
          d.reason() == null ? null : d.reason().apiName(), d.paymentAttempt(),
          d.paymentReference(), d.paymentUrl(),
          d.paymentResult() == null ? null : d.paymentResult().apiName(), d.resultMapping(),
          d.manualMethod() == null ? null : d.manualMethod().apiName(), d.error());
    }

    private static @Nullable String plain(@Nullable BigDecimal amount) {
      return amount == null ? null : amount.toPlainString();
    }
  }

  /**
   * What staff assess.
   *
   * @param userId the member who owes it; required
   * @param loanId the loan; with it, an unpaid fee of the same member and loan is assessed again
   * @param amount major units as a decimal string or number, e.g. {@code "2.50"}; required
   * @param currency ISO 4217; default {@code USD}
   * @param reason default {@code manual}
   * @param note a note
   */
  public record FeeInput(@Nullable String userId, @Nullable String loanId, @Nullable String amount,
      @Nullable String currency, @Nullable String reason, @Nullable String note) {}

  /**
   * @param note a note for the log, or null
   */
  public record NoteInput(@Nullable String note) {}

  /**
   * @param method {@code cash}, {@code pos} or {@code other}
   * @param note a note for the log, or null
   */
  public record ManualPaymentInput(@Nullable String method, @Nullable String note) {}

  /**
   * What an assessment did.
   *
   * @param fee the fee as stored
   * @param isNew false when an unpaid fee of the same member and loan was assessed again
   */
  public record FeeAssessed(FeeView fee, @JsonProperty("isNew") boolean isNew) {}

  /**
   * A started checkout.
   *
   * @param fee the fee, its payment in progress
   * @param checkout where the payer pays
   * @param isNew false when the call repeated the start of the checkout in progress
   */
  public record CheckoutStarted(FeeView fee, Checkout checkout,
      @JsonProperty("isNew") boolean isNew) {}

  /**
   * @param sessionId the payment provider's id of the checkout (a Stripe Checkout Session id)
   * @param url where the payer completes it
   */
  public record Checkout(String sessionId, @Nullable String url) {}

  /**
   * What a refresh did.
   *
   * @param fee the fee as stored afterwards
   * @param applied whether the provider's result moved it
   */
  public record CheckoutRefreshed(FeeView fee, boolean applied) {}

  static @Nullable FeeStatus status(String field, @Nullable String value) {
    return Enums.parse(field, value, FeeStatus.values(), FeeStatus::apiName);
  }

  static @Nullable FeeReason reason(String field, @Nullable String value) {
    return Enums.parse(field, value, FeeReason.values(), FeeReason::apiName);
  }

  static @Nullable ManualPaymentMethod method(String field, @Nullable String value) {
    return Enums.parse(field, value, ManualPaymentMethod.values(), ManualPaymentMethod::apiName);
  }
}
