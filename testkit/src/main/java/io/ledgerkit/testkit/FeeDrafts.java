package io.ledgerkit.testkit;

import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeReason;
import java.util.UUID;

/** Test data builders for fees: {@code aFee().withAmount("4.00")}. */
public final class FeeDrafts {

  private FeeDrafts() {}

  /** @return an overdue fee of 2.50 USD for member {@code member-1}, for a loan of its own */
  public static FeeDraft aFee() {
    return FeeDraft.forUser("member-1").withAmount("2.50").withReason(FeeReason.OVERDUE)
        .withLoanId("loan-" + UUID.randomUUID());
  }

  /**
   * @param userId the member who owes it
   * @return an overdue fee of 2.50 USD for that member, for a loan of its own
   */
  public static FeeDraft aFeeFor(String userId) {
    return aFee().withUserId(userId);
  }
}
