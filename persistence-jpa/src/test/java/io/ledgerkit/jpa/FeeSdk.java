package io.ledgerkit.jpa;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import io.ledgerkit.testkit.FakePaymentGateway;
import java.util.List;
import java.util.UUID;

/** The SDK on one adapter, for a fresh tenant with a staff caller; for the fee tests. */
final class FeeSdk {

  final JpaPersistence persistence;
  final Ledgerkit ledgerkit;
  final Caller staff = Caller.of(CustomerCandidates.aTenant().value(), "staff-1", Role.STAFF);

  FeeSdk(JpaPersistence persistence) {
    this.persistence = persistence;
    this.ledgerkit = Ledgerkit.builder().persistence(persistence)
        .paymentGateway(new FakePaymentGateway()).build();
    ledgerkit.tenants().register(staff.tenant(), TenantSettings.defaults());
  }

  Fee assess() {
    return ledgerkit.fees().assess(staff, FeeDraft.forUser("member-1").withAmount("2.50")
        .withReason(FeeReason.OVERDUE).withLoanId("loan-" + UUID.randomUUID())).fee();
  }

  Fee waive(Fee fee) {
    return ledgerkit.fees().waive(staff, fee.id(), "waived by the desk");
  }

  /** @return the fee as committed, read by a call of its own outside any host transaction */
  Fee stored(Fee fee) {
    return persistence.fees().findById(staff.tenant(), fee.id()).orElseThrow();
  }

  List<FeeEventType> eventTypes(Fee fee) {
    return persistence.fees().events(staff.tenant(), fee.id()).stream()
        .map(FeeEvent::type).toList();
  }
}
