package io.ledgerkit.examples;

import io.ledgerkit.IllegalTransitionException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.AssessResult;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.io.PrintStream;
import java.util.UUID;

/**
 * Fees as payable orders: assessed, assessed again while they grow, waived or settled by hand,
 * with the audit log of every step; members see only their own.
 *
 * <p>Run it with {@code ./mvnw -B -ntp -pl examples/quickstart -am package -DskipTests exec:java
 * -Dexec.mainClass=io.ledgerkit.examples.FeeQuickStart} (add {@code -Dexec.args=--mongo} for
 * MongoDB).
 */
public final class FeeQuickStart {

  private FeeQuickStart() {}

  /**
   * @param args {@code --mongo} for MongoDB instead of PostgreSQL
   */
  public static void main(String[] args) {
    ExampleStore.run(args, (store, out) -> run(store.ledgerkit(), out));
  }

  /**
   * The demo itself, on any SDK instance.
   *
   * @param ledgerkit the SDK
   * @param out where to report
   */
  static void run(Ledgerkit ledgerkit, PrintStream out) {
    TenantId library = TenantId.of("demo-library-" + UUID.randomUUID().toString().substring(0, 8));
    ledgerkit.tenants().register(library, TenantSettings.defaults());
    Caller librarian = Caller.of(library.value(), "librarian-1", Role.STAFF);
    Caller asha = Caller.of(library.value(), "member-asha", Role.MEMBER);
    FeeService fees = ledgerkit.fees();

    FeeDraft overdue = FeeDraft.forUser("member-asha").withLoanId("loan-1001").withAmount("2.50")
        .withReason(FeeReason.OVERDUE);
    AssessResult first = fees.assess(librarian, overdue);
    line(out, "assess 2.50 USD overdue, loan-1001", "fee " + shortId(first.fee()) + " "
        + first.fee().status().apiName() + ", version " + first.fee().version());
    AssessResult again = fees.assess(librarian, overdue.withAmount("3.75").withNote("a week later"));
    line(out, "assess 3.75 USD, the same loan again", "fee " + shortId(again.fee()) + " "
        + again.fee().amount() + " " + again.fee().currency() + ", version " + again.fee().version()
        + " (isNew=" + again.isNew() + ")");

    Fee lost = fees.assess(librarian, FeeDraft.forUser("member-asha").withLoanId("loan-1002")
        .withAmount("18.00").withReason(FeeReason.LOST)).fee();
    Fee waived = fees.waive(librarian, lost.id(), "book found in the return box");
    line(out, "waive the 18.00 lost-book fee", waived.status().apiName());
    try {
      fees.recordManualPayment(librarian, lost.id(), ManualPaymentMethod.CASH, null);
    } catch (IllegalTransitionException refused) {
      line(out, "take cash for the waived fee", "refused: it is " + refused.state());
    }
    Fee paid = fees.recordManualPayment(librarian, again.fee().id(), ManualPaymentMethod.CASH,
        "paid at the desk");
    line(out, "take 3.75 in cash for the overdue fee", paid.status().apiName());

    out.println("audit log of fee " + shortId(paid) + ", oldest first:");
    for (FeeEvent event : fees.history(librarian, paid.id())) {
      out.printf("  v%d %-16s %-18s -> %-18s by %s%n", event.feeVersion(), event.type().apiName(),
          event.fromStatus().apiName(), event.toStatus().apiName(), event.actorUserId());
    }
    Caller other = Caller.of(library.value(), "member-ravi", Role.MEMBER);
    line(out, "member-asha lists her fees", fees.list(asha, FeeFilter.all()).total() + " fees");
    line(out, "member-ravi looks up asha's fee",
        fees.findById(other, paid.id()).map(f -> "found").orElse("not found"));
  }

  private static void line(PrintStream out, String input, String result) {
    out.printf("%-38s -> %s%n", input, result);
  }

  private static String shortId(Fee fee) {
    return fee.id().toString().substring(0, 8);
  }
}
