package io.ledgerkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import io.ledgerkit.internal.TextPolicy.Checked;
import io.ledgerkit.internal.TextPolicy.Form;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPolicyTest {

  private static Checked line(String raw) {
    return TextPolicy.text("f", raw, Form.SINGLE_LINE, 10);
  }

  @Test
  void everyUnicodeSpaceIsOneSpaceAndSurroundingWhiteSpaceGoes() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (Character.getType(c) == Character.SPACE_SEPARATOR) {
        String space = Character.toString(c);
        assertEquals("a b", line(space + "a" + space + "b" + space).value(), Integer.toHexString(c));
        assertTrue(line(space + space).blank(), Integer.toHexString(c));
      }
    }
    assertNull(line(null).value());
    assertFalse(line(null).blank());
  }

  @Test
  void textIsNormalizedToNfcBeforeItsLengthIsCounted() {
    assertEquals("\u00E9", line("e\u0301").value());
    assertEquals("\u00E9".repeat(10), line("e\u0301".repeat(10)).value());
    assertEquals(FieldError.TOO_LONG, line("e".repeat(11)).error().code());
    assertEquals("\uD83D\uDE00".repeat(10), line("\uD83D\uDE00".repeat(10)).value());
  }

  @Test
  void everyControlAndFormatCharacterIsRefusedButJoinersInsideWords() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      int type = Character.getType(c);
      if (type != Character.CONTROL && type != Character.FORMAT) {
        continue;
      }
      String inside = "a" + Character.toString(c) + "b";
      boolean joiner = c == 0x200C || c == 0x200D;
      Checked single = line(inside);
      assertEquals(joiner, single.error() == null, Integer.toHexString(c));
      if (!joiner) {
        assertEquals(FieldError.INVALID_CHARACTERS, single.error().code());
      }
      boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
      Checked multi = TextPolicy.text("f", inside, Form.MULTI_LINE, 10);
      assertEquals(joiner || lineBreakOrTab, multi.error() == null, Integer.toHexString(c));
    }
  }

  @Test
  void joinersNeedAWordAroundThemOrAViramaBefore() {
    assertEquals("\u0D28\u0D4D\u200D", line("\u0D28\u0D4D\u200D").value());
    assertEquals("\u0915\u094D\u200C\u0937", line("\u0915\u094D\u200C\u0937").value());
    for (String misplaced : List.of("\u200Dab", "ab\u200C", "1\u200D2", "a\u200D b", "\u200D")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line(misplaced).error().code(), misplaced);
    }
  }

  @Test
  void unpairedSurrogatesNoncharactersAndSeparatorsAreRefused() {
    for (String bad : List.of("a\uD800", "\uDC00a", "a\uDBFF\uDBFFb", "a\uFFFEb", "a\uFDD0b",
        "a\uDBFF\uDFFFb", "a\u2028b", "a\u2029b")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line(bad).error().code(), bad);
    }
    assertEquals("a\u2028b", TextPolicy.text("f", "a\u2028b", Form.MULTI_LINE, 10).value());
    assertEquals("a\uD83D\uDE00", line("a\uD83D\uDE00").value());
    assertEquals("a\uFFFD", line("a\uFFFD").value());
  }

  @Test
  void identifiersAreTakenExactlyOrRefused() {
    assertEquals("shop-1?", TextPolicy.identifier("tenant", "shop-1?", 100));
    assertEquals("shop 1\uFFFD", TextPolicy.identifier("tenant", "shop 1\uFFFD", 100));
    for (String bad : List.of("shop-1\uD800", " shop", "shop ", "shop\u00A0", "sh\u200Bop",
        "sh\u200Dop", "Cafe\u0301", "a\tb", "x".repeat(101))) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> TextPolicy.identifier("tenant", bad, 100), bad);
      assertEquals(List.of("tenant"), e.fields());
    }
    assertEquals(FieldError.REQUIRED, assertThrows(ValidationException.class,
        () -> TextPolicy.identifier("tenant", null, 100)).errors().get(0).code());
    assertEquals(FieldError.BLANK, assertThrows(ValidationException.class,
        () -> TextPolicy.identifier("tenant", "\u00A0\u3000", 100)).errors().get(0).code());
  }

  @Test
  void storableMeansWellFormedWithoutNul() {
    assertTrue(TextPolicy.isStorable("a\uD83D\uDE00\uFFFD"));
    for (String bad : List.of("a\uD800", "\uDC00", "a\u0000b", "\uD800\uD800")) {
      assertFalse(TextPolicy.isStorable(bad), bad);
      assertThrows(ValidationException.class, () -> TextPolicy.requireStorable("f", bad));
    }
    assertNull(TextPolicy.requireStorable("f", null));
  }
}
