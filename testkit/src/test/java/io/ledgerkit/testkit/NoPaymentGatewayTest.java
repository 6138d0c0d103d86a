package io.ledgerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import org.junit.jupiter.api.Test;

/** An SDK built without a payment gateway assesses and settles fees, but takes no payment. */
class NoPaymentGatewayTest {

  @Test
  void withoutAGatewayStartingAPaymentFailsAndWritesNothing() {
    InMemoryPersistence store = new InMemoryPersistence();
    Ledgerkit plain = Ledgerkit.builder().persistence(store).build();
    plain.tenants().register(TenantId.of("no-gateway"), TenantSettings.defaults());
    io.ledgerkit.fee.Fee fee = plain.fees().assess(Caller.of("no-gateway", "staff", Role.STAFF),
        FeeDrafts.aFee()).fee();

    io.ledgerkit.fee.PaymentGatewayException e = assertThrows(
        io.ledgerkit.fee.PaymentGatewayException.class,
        () -> plain.fees().startPayment(Caller.of("no-gateway", "member-1", Role.MEMBER), fee.id()));

    assertEquals("no_gateway", e.code());
    assertEquals(1, store.storedFeeEvents(TenantId.of("no-gateway")).size());
    assertEquals(fee, store.storedFees(TenantId.of("no-gateway")).get(0));
  }
}
