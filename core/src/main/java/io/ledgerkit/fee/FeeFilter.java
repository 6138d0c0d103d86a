package io.ledgerkit.fee;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Criteria of a fee listing, ANDed together and always with the caller's tenant (and, for a
 * member, with their own user id). Immutable.
 *
 * @param userId the owner, exactly
 * @param loanId the loan, exactly
 * @param minAmount the smallest amount, inclusive
 * @param maxAmount the largest amount, inclusive
 * @param status the status
 * @param reason the reason
 * @param includeInactive whether soft-deleted fees are listed too
 */
public record FeeFilter(@Nullable String userId, @Nullable String loanId,
    @Nullable BigDecimal minAmount, @Nullable BigDecimal maxAmount, @Nullable FeeStatus status,
    @Nullable FeeReason reason, boolean includeInactive) {

  private static final FeeFilter ALL = new FeeFilter(null, null, null, null, null, null, false);

  /** @return every active fee of the tenant */
  public static FeeFilter all() {
    return ALL;
  }

  /** @return this filter for one owner */
  public FeeFilter withUserId(@Nullable String value) {
    return new FeeFilter(value, loanId, minAmount, maxAmount, status, reason, includeInactive);
  }

  /** @return this filter for one loan */
  public FeeFilter withLoanId(@Nullable String value) {
    return new FeeFilter(userId, value, minAmount, maxAmount, status, reason, includeInactive);
  }

  /** @return this filter for amounts from {@code min} to {@code max}, each inclusive, either null */
  public FeeFilter withAmountBetween(@Nullable BigDecimal min, @Nullable BigDecimal max) {
    return new FeeFilter(userId, loanId, min, max, status, reason, includeInactive);
  }

  /** @return this filter for one status */
  public FeeFilter withStatus(@Nullable FeeStatus value) {
    return new FeeFilter(userId, loanId, minAmount, maxAmount, value, reason, includeInactive);
  }

  /** @return this filter for one reason */
  public FeeFilter withReason(@Nullable FeeReason value) {
    return new FeeFilter(userId, loanId, minAmount, maxAmount, status, value, includeInactive);
  }

  /** @return this filter with soft-deleted fees too */
  public FeeFilter includingInactive() {
    return new FeeFilter(userId, loanId, minAmount, maxAmount, status, reason, true);
  }
}
