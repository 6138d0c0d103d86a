package io.ledgerkit.fee;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What staff assess: a fee as given, checked by {@link FeeService#assess}. Immutable; every
 * {@code with} returns a new draft.
 *
 * <pre>{@code
 * FeeDraft.forUser("member-7").withAmount("2.50").withReason(FeeReason.OVERDUE).withLoanId("loan-42")
 * }</pre>
 *
 * @param userId the member who owes it; required
 * @param loanId the loan it is charged for, if any
 * @param amount the amount as given, a plain decimal in major units ({@code 2.50}); required
 * @param currency ISO 4217 code; default {@value #DEFAULT_CURRENCY}
 * @param reason why; default {@link FeeReason#MANUAL}
 * @param note a note for the member or the audit log, if any
 */
public record FeeDraft(@Nullable String userId, @Nullable String loanId, @Nullable String amount,
    @Nullable String currency, @Nullable FeeReason reason, @Nullable String note) {

  /** The currency of a fee that names none, as in the seed. */
  public static final String DEFAULT_CURRENCY = "USD";

  /**
   * @param userId the member who owes the fee
   * @return a draft for that member, in {@value #DEFAULT_CURRENCY}, reason manual, no amount yet
   */
  public static FeeDraft forUser(String userId) {
    return new FeeDraft(userId, null, null, DEFAULT_CURRENCY, FeeReason.MANUAL, null);
  }

  /** @return this draft with the amount as text, e.g. {@code "2.50"} */
  public FeeDraft withAmount(@Nullable String value) {
    return new FeeDraft(userId, loanId, value, currency, reason, note);
  }

  /** @return this draft with the amount; its plain text is checked like any other */
  public FeeDraft withAmount(@Nullable BigDecimal value) {
    return withAmount(value == null ? null : value.toPlainString());
  }

  /** @return this draft with an ISO 4217 currency code */
  public FeeDraft withCurrency(@Nullable String code) {
    return new FeeDraft(userId, loanId, amount, code, reason, note);
  }

  /** @return this draft for a loan */
  public FeeDraft withLoanId(@Nullable String value) {
    return new FeeDraft(userId, value, amount, currency, reason, note);
  }

  /** @return this draft with a reason */
  public FeeDraft withReason(@Nullable FeeReason value) {
    return new FeeDraft(userId, loanId, amount, currency, value, note);
  }

  /** @return this draft with a note */
  public FeeDraft withNote(@Nullable String value) {
    return new FeeDraft(userId, loanId, amount, currency, reason, value);
  }

  /** @return this draft for another member */
  public FeeDraft withUserId(@Nullable String value) {
    return new FeeDraft(value, loanId, amount, currency, reason, note);
  }
}
