package io.ledgerkit.fee;

import static io.ledgerkit.internal.Inputs.required;

import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.IllegalTransitionException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.Operations;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Permission;
import io.ledgerkit.tenant.TenantGuard;
import io.ledgerkit.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fees of a tenant as payable orders: assess, pay online through the {@link PaymentGateway},
 * settle by hand, waive, cancel, note, and read the audit log, for one caller at a time.
 *
 * <p>Guarantees, on every persistence adapter alike:
 *
 * <ul>
 *   <li>Only the steps of the {@link FeeStatus} table happen; anything else is an {@link
 *       IllegalTransitionException}. A late or repeated payment result never moves a fee.
 *   <li>Every change is conditional on the version read: of two racing writers exactly one wins,
 *       the other gets a {@link ConflictException} (a payment result that lost its race to another
 *       is reported as not applied instead, so a redelivery has no second effect).
 *   <li>Every change is written with its {@link FeeEvent}, as one; events are never changed or
 *       deleted, and replaying a fee's events ({@link FeeEvents#replay}) gives its status.
 *   <li>The owner ({@code userId}), loan, amount, currency and reason of a fee never change, except
 *       amount, reason and note by assessing an unpaid fee of the same loan again.
 *   <li>Members see and pay only their own fees; another member's fee does not exist for them.
 *       Fees of another tenant do not exist for anyone.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FeeService {

  /** The most characters of a checkout's URL a gateway may give. */
  static final int MAX_URL_LENGTH = 2048;
  /** How often a payment result is re-read and tried again after losing a race. */
  static final int MAX_RESULT_ATTEMPTS = 8;
  private static final String ENTITY = "fee";

  private final GuardedFeeRepository fees;
  private final TenantGuard guard;
  private final Clock clock;
  private final Operations operations;
  private final PaymentGateway gateway;
  private final PaymentResultMapping mapping;

  /**
   * @param fees where fees and their events are stored
   * @param guard the gate that checks caller, permission and tenant
   * @param clock the source of timestamps
   * @param operations reports every operation as it ends
   * @param gateway the payment provider
   * @param mapping which status each payment result leads to
   */
  public FeeService(FeeRepository fees, TenantGuard guard, Clock clock, Operations operations,
      PaymentGateway gateway, PaymentResultMapping mapping) {
    this.fees = new GuardedFeeRepository(fees);
    this.guard = guard;
    this.clock = clock;
    this.operations = operations;
    this.gateway = gateway;
    this.mapping = mapping;
  }

  /**
   * Assesses a fee. With a loan id, a fee of the same user and loan that is still unpaid is
   * assessed again instead: its amount, reason and note are replaced (overdue fees grow) and an
   * {@code assessed} event records the previous amount.
   *
   * @param caller who asks; needs {@link Permission#FEE_ASSESS}
   * @param draft the fee
   * @return the fee as stored and whether it is new
   * @throws ValidationException if the draft is invalid: every failing field
   * @throws ConflictException if the fee of that loan has a payment in progress or is final, or a
   *     concurrent write won
   */
  public AssessResult assess(Caller caller, FeeDraft draft) {
    return operations.call("fees.assess", () -> {
      TenantId tenant = authorize(caller, Permission.FEE_ASSESS);
      Assessment assessment = checked(required(draft, "draft"));
      if (assessment.loanId() != null) {
        Optional<Fee> existing = fees.findByLoan(tenant, assessment.userId(), assessment.loanId());
        if (existing.isPresent()) {
          return reassess(caller, existing.get(), assessment);
        }
      }
      Instant now = now();
      Fee fee = new Fee(UUID.randomUUID(), tenant, assessment.userId(), assessment.loanId(),
          assessment.amount(), assessment.currency(), FeeStatus.UNPAID, now,
          assessment.reasonOrDefault(),
          assessment.note(), 0, null, true, now, now, 1);
      FeeEvent event = event(caller, FeeStatus.UNPAID, fee, FeeEventType.ASSESSED, assessment.note(),
          FeeEventDetails.assessed(fee.amount(), null, fee.reason()), now);
      if (fees.insert(fee, event)) {
        return new AssessResult(fee, true);
      }
      String loanId = Objects.requireNonNull(assessment.loanId());
      Fee taken = fees.findByLoan(tenant, assessment.userId(), loanId).orElseThrow(() ->
          new ConflictException(ENTITY, tenant, null, "a fee of this loan was written concurrently"));
      return reassess(caller, taken, assessment);
    });
  }

  private AssessResult reassess(Caller caller, Fee current, Assessment assessment) {
    if (current.status() != FeeStatus.UNPAID || !current.active()) {
      throw new ConflictException(ENTITY, current.tenant(), current.id(), "the fee of this loan is "
          + current.status().apiName() + "; it cannot be assessed again");
    }
    if (!current.currency().equals(assessment.currency())) {
      throw ValidationException.of("currency", FieldError.INVALID,
          "the fee of this loan is in " + current.currency().getCurrencyCode()
              + "; a fee's currency never changes");
    }
    FeeReason reason = assessment.reason() != null ? assessment.reason() : current.reason();
    boolean unchanged = current.amount().equals(assessment.amount())
        && current.reason() == reason
        && (assessment.note() == null || assessment.note().equals(current.note()));
    if (unchanged) {
      return new AssessResult(current, false);
    }
    Instant now = now();
    Fee next = current.reassessed(assessment.amount(), reason, assessment.note(), now);
    return new AssessResult(write(caller, current, next, FeeEventType.ASSESSED, assessment.note(),
        FeeEventDetails.assessed(next.amount(), current.amount(), next.reason()), now), false);
  }

  /**
   * @param caller who asks; needs {@link Permission#FEE_READ}, or {@link Permission#FEE_READ_OWN}
   *     for the caller's own fees
   * @param id a fee id
   * @return the fee, active or soft-deleted, if it exists for the caller
   */
  public Optional<Fee> findById(Caller caller, UUID id) {
    return operations.call("fees.findById", () -> {
      Access access = authorize(caller, Permission.FEE_READ, Permission.FEE_READ_OWN);
      return fees.findById(access.tenant(), required(id, "id")).filter(access::sees);
    });
  }

  /**
   * Lists fees, newest first. A caller who may read only their own fees sees only theirs,
   * whatever the filter says.
   *
   * @param caller who asks; needs {@link Permission#FEE_READ} or {@link Permission#FEE_READ_OWN}
   * @param filter the criteria; {@link FeeFilter#all()} for every active fee
   * @param page which slice
   * @return the matches of that slice and the total count
   * @throws ValidationException if a criterion is invalid
   */
  public Page<Fee> list(Caller caller, FeeFilter filter, PageRequest page) {
    return operations.call("fees.list", () -> {
      Access access = authorize(caller, Permission.FEE_READ, Permission.FEE_READ_OWN);
      FeeFilter checked = checked(required(filter, "filter"));
      required(page, "page");
      if (!access.wide()) {
        if (checked.userId() != null && !checked.userId().equals(caller.userId())) {
          return new Page<>(List.of(), 0, page.offset(), page.limit());
        }
        checked = checked.withUserId(caller.userId());
      }
      return fees.find(access.tenant(), checked, page);
    });
  }

  /**
   * @param caller who asks
   * @param filter the criteria
   * @return the first {@link PageRequest#DEFAULT_LIMIT} matches, newest first
   */
  public Page<Fee> list(Caller caller, FeeFilter filter) {
    return list(caller, filter, PageRequest.FIRST);
  }

  /**
   * Starts paying a fee online: the gateway opens a checkout for the next attempt, and the fee
   * moves to payment in progress with a {@code paymentAttempt} event holding the checkout. While a
   * payment is in progress, a repeated call gives the same checkout again (the gateway is asked
   * with the same idempotency key) and changes nothing.
   *
   * @param caller who asks; needs {@link Permission#FEE_PAY}, or {@link Permission#FEE_PAY_OWN}
   *     for the caller's own fees
   * @param feeId the fee
   * @return the checkout and the fee
   * @throws PaymentGatewayException if the provider refused: the fee stays unpaid, and a {@code
   *     paymentFail} event records the error code
   * @throws IllegalTransitionException if the fee is final
   * @throws NotFoundException if the fee does not exist for the caller
   */
  public PaymentStart startPayment(Caller caller, UUID feeId) {
    return operations.call("fees.startPayment", () -> {
      Access access = authorize(caller, Permission.FEE_PAY, Permission.FEE_PAY_OWN);
      Fee fee = load(access, feeId);
      if (fee.status() == FeeStatus.PAYMENT_IN_PROGRESS) {
        PaymentSession again = open(PaymentRequest.of(fee, fee.paymentAttempts()));
        if (!again.reference().equals(fee.paymentReference())) {
          // The gateway broke its promise of idempotency (a provider's keys expire): a checkout
          // other than the one in progress would have its result dropped as stale.
          throw new IllegalTransitionException(ENTITY, fee.tenant(), fee.id(),
              fee.status().apiName(), "start another checkout before this one ends (refresh it)");
        }
        return new PaymentStart(fee, again, false);
      }
      require(fee, FeeStatus.PAYMENT_IN_PROGRESS, "start a payment");
      if (gateway == PaymentGateway.NONE) {
        // The host's configuration, not a provider's refusal: nothing to record on the fee.
        open(PaymentRequest.of(fee, fee.paymentAttempts() + 1));
      }
      int attempt = fee.paymentAttempts() + 1;
      PaymentSession session;
      try {
        session = open(PaymentRequest.of(fee, attempt));
      } catch (PaymentGatewayException e) {
        try {
          recordFailedStart(caller, fee, attempt, checkedCode(e.code()));
        } catch (LedgerkitException recording) {
          e.addSuppressed(recording);
        }
        throw e;
      }
      Instant now = now();
      Fee next = fee.movedTo(FeeStatus.PAYMENT_IN_PROGRESS, null, now)
          .withAttempt(attempt, session.reference());
      try {
        return new PaymentStart(write(caller, fee, next, FeeEventType.PAYMENT_ATTEMPT, null,
            FeeEventDetails.attempt(attempt, fee.amount(), session), now), session, true);
      } catch (ConflictException lost) {
        // A concurrent start of the same attempt won: the gateway gave both the same checkout.
        Fee current = load(access, feeId);
        if (current.status() == FeeStatus.PAYMENT_IN_PROGRESS
            && current.paymentAttempts() == attempt
            && session.reference().equals(current.paymentReference())) {
          return new PaymentStart(current, session, false);
        }
        throw lost;
      }
    });
  }

  private PaymentSession open(PaymentRequest request) {
    PaymentSession session;
    try {
      session = Objects.requireNonNull(gateway.startCheckout(request), "the gateway's session");
    } catch (PaymentGatewayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PaymentGatewayException("gateway_error", "the payment provider failed", e);
    }
    return checked(session);
  }

  /**
   * What a gateway answers comes from outside too: it passes the text policy before any store
   * sees it, so that a provider's malformed id can neither alias another checkout nor be altered.
   */
  private static PaymentSession checked(PaymentSession session) {
    try {
      String reference = TextPolicy.identifier("paymentReference", session.reference(),
          FeeRules.MAX_ID_LENGTH);
      TextPolicy.Checked url = TextPolicy.text("paymentUrl", session.url(),
          TextPolicy.Form.SINGLE_LINE, MAX_URL_LENGTH);
      if (url.error() != null) {
        throw new ValidationException(List.of(url.error()));
      }
      return new PaymentSession(reference, url.value());
    } catch (ValidationException e) {
      throw new PaymentGatewayException("invalid_session",
          "the payment provider answered with a checkout the SDK cannot store", e);
    }
  }

  /** @return the provider's error code if it is a plain identifier, otherwise a generic one */
  private static String checkedCode(String code) {
    try {
      return TextPolicy.identifier("error", code, FeeRules.MAX_ID_LENGTH);
    } catch (ValidationException e) {
      return "gateway_error";
    }
  }

  /**
   * Records that an attempt could not start, so that the next one uses a new idempotency key.
   *
   * @throws ConflictException if the fee changed meanwhile (the caller still gets the gateway's
   *     error, with this one suppressed)
   */
  private void recordFailedStart(Caller caller, Fee fee, int attempt, String code) {
    Instant now = now();
    Fee next = fee.noted(null, now).withAttempt(attempt, fee.paymentReference());
    write(caller, fee, next, FeeEventType.PAYMENT_FAIL, null,
        FeeEventDetails.attemptFailed(attempt, code), now);
  }

  /**
   * Applies what a payment provider reported for the attempt in progress, through the {@link
   * PaymentResultMapping}: {@code paymentSuccess} to paid, or {@code paymentFail} back to unpaid.
   * A result for a fee that is no longer in progress, or for an earlier attempt than the current
   * one, changes nothing: duplicated, replayed and out-of-order deliveries have one effect.
   *
   * @param caller who asks; needs {@link Permission#FEE_PAYMENT_RESULT} (the webhook's SYSTEM
   *     caller)
   * @param feeId the fee the payment was for
   * @param result how the payment ended
   * @param reference the provider's id of the checkout the result is for, as {@link
   *     PaymentSession#reference()} gave it; required, so that a result of an earlier checkout
   *     can never settle a later one
   * @return the fee as stored afterwards and whether the result moved it
   * @throws NotFoundException if the fee does not exist in the caller's tenant
   * @throws ValidationException if the result or the reference is missing
   */
  public PaymentOutcome recordPaymentResult(
      Caller caller, UUID feeId, PaymentResult result, String reference) {
    return operations.call("fees.recordPaymentResult", () -> {
      Access access = authorize(caller, Permission.FEE_PAYMENT_RESULT, Permission.FEE_PAYMENT_RESULT);
      required(result, "result");
      FeeRules rules = new FeeRules();
      String checkedReference = rules.id("reference", reference, true);
      rules.throwIfInvalid();
      return applyResult(caller, access, feeId, result, Objects.requireNonNull(checkedReference));
    });
  }

  private PaymentOutcome applyResult(Caller caller, Access access, UUID feeId, PaymentResult result,
      String reference) {
    for (int attempt = 1; ; attempt++) {
      Fee fee = load(access, feeId);
      if (fee.status() != FeeStatus.PAYMENT_IN_PROGRESS || !reference.equals(fee.paymentReference())) {
        return new PaymentOutcome(fee, false);
      }
      FeeStatus target = mapping.target(result);
      Instant now = now();
      Fee next = fee.movedTo(target, null, now);
      FeeEventType type = target == FeeStatus.PAID
          ? FeeEventType.PAYMENT_SUCCESS : FeeEventType.PAYMENT_FAIL;
      try {
        return new PaymentOutcome(write(caller, fee, next, type, null, FeeEventDetails.result(
            fee.paymentAttempts(), fee.paymentReference(), result, target), now), true);
      } catch (ConflictException lost) {
        if (attempt >= MAX_RESULT_ATTEMPTS) {
          throw lost;
        }
      }
    }
  }

  /**
   * Settles a payment in progress whose result never arrived: asks the gateway how the checkout
   * ended and applies that result as {@link #recordPaymentResult} does. Changes nothing while the
   * checkout is still open, or when the fee is not in progress.
   *
   * @param caller who asks; needs {@link Permission#FEE_PAY}, or {@link Permission#FEE_PAY_OWN}
   *     for the caller's own fees
   * @param feeId the fee
   * @return the fee as stored afterwards and whether it moved
   * @throws PaymentGatewayException if the provider could not answer; nothing changed
   */
  public PaymentOutcome refreshPayment(Caller caller, UUID feeId) {
    return operations.call("fees.refreshPayment", () -> {
      Access access = authorize(caller, Permission.FEE_PAY, Permission.FEE_PAY_OWN);
      Fee fee = load(access, feeId);
      String reference = fee.paymentReference();
      if (fee.status() != FeeStatus.PAYMENT_IN_PROGRESS || reference == null) {
        return new PaymentOutcome(fee, false);
      }
      Optional<PaymentResult> result;
      try {
        result = Objects.requireNonNull(
            gateway.outcomeOf(PaymentRequest.of(fee, fee.paymentAttempts()), reference),
            "the gateway's outcome");
      } catch (PaymentGatewayException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PaymentGatewayException("gateway_error", "the payment provider failed", e);
      }
      return result.map(found -> applyResult(caller, access, feeId, found, reference))
          .orElseGet(() -> new PaymentOutcome(fee, false));
    });
  }

  /**
   * Handles a provider's notification (a verified webhook event) exactly once: a notification
   * handled before changes nothing; otherwise its result is applied as {@link
   * #recordPaymentResult} does, and then the notification is recorded as handled. A notification
   * for a fee the tenant does not have, or without a result, changes nothing and is not recorded. Because the
   * record follows the effect, a crash in between leaves the notification to be handled again on
   * its redelivery, which moves nothing a second time: a fee moves once per checkout.
   *
   * @param caller who asks; needs {@link Permission#FEE_PAYMENT_RESULT} (the webhook's SYSTEM
   *     caller of the tenant the notification names)
   * @param event the notification
   * @return what handling it did; {@link PaymentEventOutcome#UNKNOWN_FEE} for a fee that does not
   *     exist in the caller's tenant
   * @throws ValidationException if a field of the event is missing or malformed
   * @throws UnsupportedOperationException if the persistence adapter keeps no processed events
   */
  public PaymentEventOutcome recordPaymentEvent(Caller caller, PaymentEvent event) {
    return operations.call("fees.recordPaymentEvent", () -> {
      Access access = authorize(caller, Permission.FEE_PAYMENT_RESULT, Permission.FEE_PAYMENT_RESULT);
      PaymentEvent checked = checked(required(event, "event"));
      TenantId tenant = access.tenant();
      if (fees.findProcessedEvent(tenant, checked.source(), checked.eventId()).isPresent()) {
        return PaymentEventOutcome.DUPLICATE;
      }
      PaymentResult result = checked.result();
      if (fees.findById(tenant, checked.feeId()).isEmpty()) {
        return PaymentEventOutcome.UNKNOWN_FEE;
      }
      if (result == null) {
        return PaymentEventOutcome.IGNORED;
      }
      PaymentEventOutcome outcome =
          applyResult(caller, access, checked.feeId(), result, checked.reference()).applied()
              ? PaymentEventOutcome.APPLIED : PaymentEventOutcome.NOT_APPLIED;
      boolean recorded = fees.recordProcessedEvent(new ProcessedEvent(tenant, checked.source(),
          checked.eventId(), checked.type(), checked.feeId(), outcome, now()));
      return recorded || outcome == PaymentEventOutcome.APPLIED ? outcome
          : PaymentEventOutcome.DUPLICATE;
    });
  }

  /**
   * Returns abandoned payments to unpaid: for every fee of the caller's tenant whose payment has
   * been in progress for longer than {@code olderThan}, the gateway closes the checkout ({@link
   * PaymentGateway#expireCheckout}) and the fee moves as its result says, expired (back to unpaid)
   * or, if the payer finished meanwhile, paid. A checkout the gateway cannot close stays in
   * progress. A method the host schedules, e.g. hourly per tenant.
   *
   * @param caller who asks; needs {@link Permission#FEE_PAYMENT_RESULT}
   * @param olderThan how long a payment may stay in progress; positive
   * @return an outcome for every fee looked at: moved, or not (still open at the provider, the
   *     provider did not answer, or a concurrent result came first)
   * @throws ValidationException if the age is missing or not positive
   */
  public List<PaymentOutcome> expireAbandonedPayments(Caller caller, Duration olderThan) {
    return operations.call("fees.expireAbandonedPayments", () -> {
      Access access = authorize(caller, Permission.FEE_PAYMENT_RESULT, Permission.FEE_PAYMENT_RESULT);
      if (required(olderThan, "olderThan").isNegative() || olderThan.isZero()) {
        throw ValidationException.of("olderThan", FieldError.INVALID, "must be positive");
      }
      Instant cutoff = now().minus(olderThan);
      List<Fee> stale = new ArrayList<>();
      FeeFilter inProgress = FeeFilter.all().withStatus(FeeStatus.PAYMENT_IN_PROGRESS);
      for (int offset = 0; ; offset += PageRequest.MAX_LIMIT) {
        Page<Fee> page = fees.find(access.tenant(), inProgress,
            PageRequest.of(offset, PageRequest.MAX_LIMIT));
        page.items().stream().filter(fee -> !fee.statusUpdateDate().isAfter(cutoff)).forEach(stale::add);
        if (page.items().size() < PageRequest.MAX_LIMIT) {
          break;
        }
      }
      List<PaymentOutcome> outcomes = new ArrayList<>();
      for (Fee fee : stale) {
        outcomes.add(expire(caller, access, fee));
      }
      return List.copyOf(outcomes);
    });
  }

  private PaymentOutcome expire(Caller caller, Access access, Fee fee) {
    String reference = fee.paymentReference();
    if (reference == null) {
      return new PaymentOutcome(fee, false);
    }
    Optional<PaymentResult> result;
    try {
      result = Objects.requireNonNull(
          gateway.expireCheckout(PaymentRequest.of(fee, fee.paymentAttempts()), reference),
          "the gateway's outcome");
    } catch (RuntimeException unanswered) {
      // One provider failure must not stop the run; the fee stays in progress for the next one.
      return new PaymentOutcome(fee, false);
    }
    return result.map(found -> applyResult(caller, access, fee.id(), found, reference))
        .orElseGet(() -> new PaymentOutcome(fee, false));
  }

  /**
   * Records a payment staff received by hand: unpaid to paid, with a {@code paymentSuccess} event.
   *
   * @param caller who asks; needs {@link Permission#FEE_MANAGE}
   * @param feeId the fee
   * @param method how it was paid
   * @param note a note for the log, or null
   * @return the fee as stored afterwards
   * @throws IllegalTransitionException if the fee is not unpaid (a payment in progress must end
   *     first)
   */
  public Fee recordManualPayment(Caller caller, UUID feeId, ManualPaymentMethod method,
      @Nullable String note) {
    return operations.call("fees.recordManualPayment", () -> move(caller, feeId, FeeStatus.PAID,
        FeeEventType.PAYMENT_SUCCESS, note, method == null ? null : FeeEventDetails.manual(method),
        "record a manual payment"));
  }

  /**
   * Waives an unpaid fee, with a {@code waived} event.
   *
   * @param caller who asks; needs {@link Permission#FEE_MANAGE}
   * @param feeId the fee
   * @param note why, or null
   * @return the fee as stored afterwards
   * @throws IllegalTransitionException if the fee is not unpaid
   */
  public Fee waive(Caller caller, UUID feeId, @Nullable String note) {
    return operations.call("fees.waive", () -> move(caller, feeId, FeeStatus.WAIVED,
        FeeEventType.WAIVED, note, FeeEventDetails.NONE, "waive"));
  }

  /**
   * Cancels an unpaid fee, with a {@code canceled} event.
   *
   * @param caller who asks; needs {@link Permission#FEE_MANAGE}
   * @param feeId the fee
   * @param note why, or null
   * @return the fee as stored afterwards
   * @throws IllegalTransitionException if the fee is not unpaid
   */
  public Fee cancel(Caller caller, UUID feeId, @Nullable String note) {
    return operations.call("fees.cancel", () -> move(caller, feeId, FeeStatus.CANCELED,
        FeeEventType.CANCELED, note, FeeEventDetails.NONE, "cancel"));
  }

  /**
   * Replaces the fee's note, in any status, with a {@code note} event; the status does not change.
   *
   * @param caller who asks; needs {@link Permission#FEE_MANAGE}
   * @param feeId the fee
   * @param note the note
   * @return the fee as stored afterwards
   * @throws ValidationException if the note is missing, blank or invalid
   */
  public Fee addNote(Caller caller, UUID feeId, String note) {
    return operations.call("fees.addNote", () -> {
      Access access = authorize(caller, Permission.FEE_MANAGE, Permission.FEE_MANAGE);
      String checked = checkedNote(note, true);
      Fee fee = load(access, feeId);
      Instant now = now();
      return write(caller, fee, fee.noted(checked, now), FeeEventType.NOTE, checked,
          FeeEventDetails.NONE, now);
    });
  }

  /**
   * Soft-deletes an unpaid fee: it is canceled, with a {@code canceled} event, and hidden from
   * listings unless asked for. Fees with a payment in progress and final fees cannot be deleted.
   *
   * @param caller who asks; needs {@link Permission#FEE_DELETE}
   * @param feeId the fee
   * @return the fee as stored afterwards
   * @throws IllegalTransitionException if the fee is not unpaid
   */
  public Fee softDelete(Caller caller, UUID feeId) {
    return operations.call("fees.softDelete", () -> {
      Access access = authorize(caller, Permission.FEE_DELETE, Permission.FEE_DELETE);
      Fee fee = load(access, feeId);
      if (fee.status() != FeeStatus.UNPAID) {
        throw illegal(fee, "delete");
      }
      Instant now = now();
      Fee next = fee.movedTo(FeeStatus.CANCELED, null, now).deactivated();
      return write(caller, fee, next, FeeEventType.CANCELED, "deleted", FeeEventDetails.NONE, now);
    });
  }

  /**
   * @param caller who asks; needs {@link Permission#FEE_READ}, or {@link Permission#FEE_READ_OWN}
   *     for the caller's own fees
   * @param feeId the fee
   * @return its events, oldest first; replaying them gives its status
   * @throws NotFoundException if the fee does not exist for the caller
   */
  public List<FeeEvent> history(Caller caller, UUID feeId) {
    return operations.call("fees.history", () -> {
      Access access = authorize(caller, Permission.FEE_READ, Permission.FEE_READ_OWN);
      Fee fee = load(access, feeId);
      return fees.events(fee.tenant(), fee.id());
    });
  }

  /** A staff step from unpaid: checks the permission, the note and the status, then writes. */
  private Fee move(Caller caller, UUID feeId, FeeStatus target, FeeEventType type,
      @Nullable String note, @Nullable FeeEventDetails details, String step) {
    Access access = authorize(caller, Permission.FEE_MANAGE, Permission.FEE_MANAGE);
    required(details, "method");
    String checked = checkedNote(note, false);
    Fee fee = load(access, feeId);
    if (fee.status() != FeeStatus.UNPAID) {
      throw illegal(fee, step);
    }
    require(fee, target, step);
    Instant now = now();
    return write(caller, fee, fee.movedTo(target, checked, now), type, checked, details, now);
  }

  /** Writes the change with its event if the fee is still at the version read. */
  private Fee write(Caller caller, Fee current, Fee next, FeeEventType type, @Nullable String note,
      FeeEventDetails details, Instant now) {
    FeeEvent event = event(caller, current.status(), next, type, note, details, now);
    if (!fees.applyTransition(new FeeTransition(next, current.version(), event))) {
      throw new ConflictException(ENTITY, current.tenant(), current.id(),
          "the fee changed since it was read (version " + current.version() + ")");
    }
    return next;
  }

  private static FeeEvent event(Caller caller, FeeStatus from, Fee after, FeeEventType type,
      @Nullable String note, FeeEventDetails details, Instant now) {
    return new FeeEvent(UUID.randomUUID(), after.tenant(), after.id(), after.version(), type, now,
        caller.userId(), note, from, after.status(), details);
  }

  private static void require(Fee fee, FeeStatus target, String step) {
    if (!fee.status().canMoveTo(target)) {
      throw illegal(fee, step);
    }
  }

  private static IllegalTransitionException illegal(Fee fee, String step) {
    return new IllegalTransitionException(ENTITY, fee.tenant(), fee.id(), fee.status().apiName(), step);
  }

  private static PaymentEvent checked(PaymentEvent event) {
    FeeRules rules = new FeeRules();
    String source = rules.id("source", event.source(), true);
    String eventId = rules.id("eventId", event.eventId(), true);
    String type = rules.id("type", event.type(), true);
    String reference = rules.id("reference", event.reference(), true);
    if (event.feeId() == null) {
      rules.add(new FieldError("feeId", FieldError.REQUIRED, "feeId is required"));
    }
    rules.throwIfInvalid();
    return new PaymentEvent(Objects.requireNonNull(source), Objects.requireNonNull(eventId),
        Objects.requireNonNull(type), event.feeId(), Objects.requireNonNull(reference),
        event.result());
  }

  private Fee load(Access access, @Nullable UUID feeId) {
    UUID id = required(feeId, "feeId");
    return fees.findById(access.tenant(), id).filter(access::sees)
        .orElseThrow(() -> new NotFoundException(ENTITY, access.tenant(), id));
  }

  private TenantId authorize(@Nullable Caller caller, Permission permission) {
    return guard.authorize(required(caller, "caller"), permission).id();
  }

  /** The wide permission, or the narrow one that limits the caller to their own fees. */
  private Access authorize(@Nullable Caller caller, Permission wide, Permission own) {
    Caller checked = required(caller, "caller");
    boolean all = guard.permits(checked, wide);
    TenantId tenant = guard.authorize(checked, all ? wide : own).id();
    return new Access(tenant, checked.userId(), all);
  }

  private Assessment checked(FeeDraft draft) {
    FeeRules rules = new FeeRules();
    String userId = rules.id("userId", draft.userId(), true);
    String loanId = rules.id("loanId", draft.loanId(), false);
    Currency currency = rules.currency("currency", draft.currency());
    BigDecimal amount = rules.amount("amount", draft.amount(), currency);
    String note = rules.note("note", draft.note());
    rules.throwIfInvalid();
    return new Assessment(Objects.requireNonNull(userId), loanId, Objects.requireNonNull(amount),
        Objects.requireNonNull(currency), draft.reason(), note);
  }

  private FeeFilter checked(FeeFilter filter) {
    FeeRules rules = new FeeRules();
    String userId = rules.id("userId", filter.userId(), false);
    String loanId = rules.id("loanId", filter.loanId(), false);
    BigDecimal min = rules.bound("minAmount", filter.minAmount());
    BigDecimal max = rules.bound("maxAmount", filter.maxAmount());
    if (min != null && max != null && min.compareTo(max) > 0) {
      rules.add(new FieldError("maxAmount", FieldError.INVALID, "must not be below minAmount"));
    }
    rules.throwIfInvalid();
    return new FeeFilter(userId, loanId, min, max, filter.status(), filter.reason(),
        filter.includeInactive());
  }

  private static @Nullable String checkedNote(@Nullable String note, boolean required) {
    FeeRules rules = new FeeRules();
    String checked = rules.note("note", note);
    rules.throwIfInvalid();
    if (required && checked == null) {
      throw ValidationException.of("note", note == null ? FieldError.REQUIRED : FieldError.BLANK,
          "a note is required");
    }
    return checked;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A draft's values after the checks. */
  private record Assessment(String userId, @Nullable String loanId, BigDecimal amount,
      Currency currency, @Nullable FeeReason reason, @Nullable String note) {

    /** @return the reason for a new fee: the one given, or manual */
    FeeReason reasonOrDefault() {
      return reason != null ? reason : FeeReason.MANUAL;
    }
  }

  /** The caller's tenant and whether the caller sees every fee of it or only their own. */
  private record Access(TenantId tenant, String userId, boolean wide) {
    boolean sees(Fee fee) {
      return wide || fee.userId().equals(userId);
    }
  }
}
