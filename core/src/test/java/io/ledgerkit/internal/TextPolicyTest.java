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
  void everyControlAndFormatCharacterIsRefusedAtEveryPosition() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      int type = Character.getType(c);
      if (type != Character.CONTROL && type != Character.FORMAT) {
        continue;
      }
      String character = Character.toString(c);
      boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
      for (String value : List.of("a" + character + "b", character + "ab", "ab" + character)) {
        Checked single = line(value);
        if (lineBreakOrTab && !value.startsWith("a" + character)) {
          assertEquals("ab", single.value(), "trimmed: " + Integer.toHexString(c));
          continue;
        }
        assertEquals(FieldError.INVALID_CHARACTERS, single.error().code(), Integer.toHexString(c));
        Checked multi = TextPolicy.text("f", value, Form.MULTI_LINE, 10);
        assertEquals(lineBreakOrTab, multi.error() == null, Integer.toHexString(c));
      }
    }
  }

  @Test
  void onlySpacesTabsAndLineBreaksAreTrimmed() {
    assertEquals("ab", line(" \t\r\nab\n\t \u00A0").value());
    for (String edge : List.of("\u2028", "\u2029", "\u000B", "\u000C", "\u001C", "\u001F", "\u0085")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line("ab" + edge).error().code(), edge);
      assertEquals(FieldError.INVALID_CHARACTERS, line(edge + "ab").error().code(), edge);
    }
    assertEquals("ab\u2028", TextPolicy.text("f", "ab\u2028", Form.MULTI_LINE, 10).value());
  }

  @Test
  void joinersOnlyWherePrecisAllowsThemOrInEmoji() {
    for (String allowed : List.of("\u0D28\u0D4D\u200D", "\u0915\u094D\u200C\u0937",
        "\u0915\u094D\u200D\u0937", "\u0639\u0644\u06CC\u200C\u0627",
        "\u0645\u06CC\u064E\u200C\u0627", "\uD83D\uDC69\u200D\uD83C\uDF3E",
        "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "\uD83D\uDC4B\uD83C\uDFFD\u200D\u2764")) {
      assertEquals(allowed, line(allowed).value(), allowed);
    }
    for (String misplaced : List.of("\u200Dab", "ab\u200C", "1\u200D2", "a\u200D b", "\u200D",
        "a\u200Db", "a\u200Cb", "a\u0301\u200D", "\u0915\u200C\u0937", "\u0639\u200Cb",
        "a\u200D\u2764", "\u2764\u200Da")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line(misplaced).error().code(), misplaced);
    }
  }

  @Test
  void invisibleCharactersNeedSomethingToModifyAndShowNothingAlone() {
    for (String allowed : List.of("\u2764\uFE0F", "1\uFE0F\u20E3", "\u845B\uDB40\uDD00",
        "\u1820\u180B", "a\u034F\u0301")) {
      assertNull(line(allowed).error(), allowed);
    }
    for (String refused : List.of("\uFE0F", " \uFE0F", "a\uFE0F", "\u0416\uFE0F", "a\u180B",
        "\u3164", "a\u3164b", "\u115Fa", "a\uFFA0", "\u034Fa", "\u1780\u17B4")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line(refused).error().code(), refused);
    }
    for (String blank : List.of("\u2800", " \u2800\u3000\u2800 ")) {
      assertTrue(line(blank).blank(), blank);
      assertTrue(TextPolicy.isBlank(blank), blank);
    }
    assertEquals("a", line("\u2800a\u2800").value(), "trimmed as the space of Braille");
    assertEquals("a\u2800b", line("a\u2800b").value());
    assertTrue(TextPolicy.text("f", "\u2028\n\u2029", Form.MULTI_LINE, 10).blank());
  }

  @Test
  void modifiersOnlyWhereTheyModifyOnce() {
    for (String refused : List.of("As\u034Fha", "a\u034F\u034F", "\u1820\u180B\u180B",
        "\u2800\uFE0F", "1\uFE0F", "GST1\uFE0E", "\u05D0\uFE00", "a.\uFE0F", "a\uDB40\uDD00",
        "a\u2065", "a\uFFF0", "a\uDB40\uDDF0", "\u00A9\u200D\u00AE", "\u2500\u200D\u2500",
        "\u0627\u200C\u0644", "\u062F\u200C\u0627", "\u0644\u200C\u0621", "a\uDB40\uDC67",
        "\uD83C\uDFF4\uDB40\uDC67", "\uD83C\uDFF4\uDB40\uDC7F")) {
      assertEquals(FieldError.INVALID_CHARACTERS, line(refused).error().code(), refused);
    }
    for (String allowed : List.of("\u09B0\u200D\u09CD\u09AF", "\u0C95\u200D\u0CCD",
        "\u0D9A\u200D\u0DCA\u0DC0", "\uD83D\uDE42\u200D\u2194\uFE0F",
        "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F",
        "\uD83E\uDEF1\uD83C\uDFFB\u200D\uD83E\uDEF2", "\u2264\uFE00", "\u1000\uFE00")) {
      assertEquals(allowed, TextPolicy.text("f", allowed, Form.SINGLE_LINE, 20).value(), allowed);
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
        "sh\u200Dop", "Cafe\u0301", "a\tb", "x".repeat(101), "shop\u3164", "shop\uFE0F",
        "\u0301shop", "shop\u034F", "shop\u2800", "sh  op", "shop\uDB40\uDC67")) {
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
