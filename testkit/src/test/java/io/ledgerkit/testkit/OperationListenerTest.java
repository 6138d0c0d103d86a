package io.ledgerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.OperationEvent;
import io.ledgerkit.OperationEvent.Outcome;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every operation reaches the listener once, with the outcome of how it ended. */
class OperationListenerTest {

  private final List<OperationEvent> events = new CopyOnWriteArrayList<>();
  private final Ledgerkit ledgerkit = Ledgerkit.builder()
      .persistence(new InMemoryPersistence())
      .listener(events::add)
      .build();
  private final Caller owner = Caller.of("listened", "owner", Role.OWNER);

  @Test
  void everyOperationIsReportedOnceWithItsOutcome() {
    ledgerkit.tenants().register(TenantId.of("listened"), TenantSettings.defaults().withDefaultPhoneRegion("IN"));
    ledgerkit.customers().create(owner, CustomerDraft.named("Asha").withPhone("098765 43210"));
    assertThrows(ValidationException.class,
        () -> ledgerkit.customers().create(owner, CustomerDraft.named(" ")));
    assertThrows(AccessDeniedException.class, () -> ledgerkit.customers()
        .purge(Caller.of("listened", "staff", Role.STAFF), UUID.randomUUID()));
    assertThrows(UnknownTenantException.class, () -> ledgerkit.customers()
        .findByPhone(Caller.of("nobody", "owner", Role.OWNER), "+919876543210"));
    assertThrows(NotFoundException.class, () -> ledgerkit.customers().purge(owner, UUID.randomUUID()));
    assertThrows(ConflictException.class, () -> ledgerkit.tenants()
        .register(TenantId.of("listened"), TenantSettings.defaults()));
    ledgerkit.customers().bulkCreate(owner,
        Stream.of(CustomerDraft.named("Ravi").withPhone("098765 43211")), result -> { });

    assertEquals(List.of("tenants.register", "customers.create", "customers.create",
            "customers.purge", "customers.findByPhone", "customers.purge", "tenants.register",
            "customers.bulkCreateStream"),
        events.stream().map(OperationEvent::operation).toList());
    assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.INVALID, Outcome.ACCESS_DENIED,
            Outcome.UNKNOWN_TENANT, Outcome.NOT_FOUND, Outcome.CONFLICT, Outcome.SUCCESS),
        events.stream().map(OperationEvent::outcome).toList());
    assertTrue(events.stream().allMatch(event -> !event.duration().isNegative()));
  }

  @Test
  void aFailingListenerChangesNoOperation() {
    Ledgerkit failing = Ledgerkit.builder()
        .persistence(new InMemoryPersistence())
        .listener(event -> {
          throw new IllegalStateException("the metrics backend is down");
        })
        .build();
    failing.tenants().register(TenantId.of("failing"), TenantSettings.defaults());
    Caller caller = Caller.of("failing", "owner", Role.OWNER);

    assertTrue(failing.customers().create(caller, CustomerDraft.named("Asha")).isNew());
    assertThrows(ValidationException.class,
        () -> failing.customers().create(caller, CustomerDraft.named(" ")));
  }
}
