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
    Ledgerkit.Builder configured = empty.clock(java.time.Clock.systemUTC());

    assertThrows(IllegalStateException.class, empty::build);
    assertThrows(IllegalStateException.class, configured::build);
    assertThrows(IllegalStateException.class, () -> Ledgerkit.builder().clock(null).build());
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
  void aValidationErrorNeedsAField() {
    assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
  }
}
