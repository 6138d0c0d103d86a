package io.ledgerkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerkitTest {

  @Test
  void buildRequiresAPersistenceAdapter() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Ledgerkit.builder().build());
    assertTrue(e.getMessage().contains("persistence"));
  }

  @Test
  void theBuilderIsImmutable() {
    Ledgerkit.Builder empty = Ledgerkit.builder();
    Ledgerkit.Builder withAdapter = empty.persistence(new PersistenceAdapter() {
      @Override
      public io.ledgerkit.tenant.TenantRepository tenants() {
        return null;
      }

      @Override
      public io.ledgerkit.customer.CustomerRepository customers() {
        return null;
      }
    });
    java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

    assertEquals(fixed, withAdapter.clock(fixed).build().clock());
    assertEquals(Ledgerkit.DEFAULT_CLOCK, withAdapter.build().clock(), "setting a clock changed the builder");
    assertThrows(IllegalStateException.class, empty::build, "setting an adapter changed the builder");
    assertThrows(IllegalStateException.class, () -> withAdapter.clock(null).build());
  }

  @Test
  void pageRequestsAreBounded() {
    assertEquals(List.of("offset"), assertThrows(ValidationException.class, () -> PageRequest.of(-1, 10)).fields());
    assertEquals(List.of("limit"), assertThrows(ValidationException.class, () -> PageRequest.of(0, 0)).fields());
    assertEquals(List.of("limit"),
        assertThrows(ValidationException.class, () -> PageRequest.of(0, PageRequest.MAX_LIMIT + 1)).fields());
    assertEquals(PageRequest.of(20, 10), PageRequest.of(10, 10).next());
  }

  @Test
  void exceptionsSerializeWithTheirContext() throws Exception {
    io.ledgerkit.tenant.Caller caller = io.ledgerkit.tenant.Caller.of("t", "u", io.ledgerkit.tenant.Role.STAFF);
    for (LedgerkitException e : List.of(
        new AccessDeniedException(caller, io.ledgerkit.tenant.Permission.CUSTOMER_PURGE),
        new NotFoundException("customer", caller.tenant(), java.util.UUID.randomUUID()),
        ValidationException.of("name", FieldError.BLANK, "a name is required"))) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(e);
      }
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        assertEquals(e.getMessage(), ((LedgerkitException) in.readObject()).getMessage());
      }
    }
  }

  @Test
  void aValidationErrorNeedsAField() {
    assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
  }
}
