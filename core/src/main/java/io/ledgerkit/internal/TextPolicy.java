package io.ledgerkit.internal;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one policy for every string that crosses the SDK's public API, applied in core before any
 * store sees the value, so that every engine stores exactly what the core accepted.
 *
 * <p>Text (names, addresses, notes, filter values, what later aggregates add):
 *
 * <ol>
 *   <li>must be well-formed UTF-16: an unpaired surrogate is refused (a store would turn it into
 *       {@code ?} or U+FFFD and so alias another value);
 *   <li>every Unicode space (U+00A0, U+2007, U+202F, U+3000, ...) becomes U+0020, then the text is
 *       normalized to NFC, so one name typed on two keyboards is stored and matched the same;
 *   <li>leading and trailing white space is removed; what remains empty is "not given";
 *   <li>control characters are refused (tabs and line breaks are kept in multi-line fields), and
 *       so are the format characters that hide or reorder text: bidi controls, zero-width space,
 *       word joiner, U+FEFF, soft hyphen, tags; line and paragraph separators in single-line fields;
 *       noncharacters. The joiners U+200C and U+200D stay allowed inside a word (between letters,
 *       marks or symbols, or right after a virama), as Malayalam, Hindi, Persian and emoji
 *       spellings need them (PRECIS, RFC 8264; Unicode UTS #39);
 *   <li>the length, counted in code points after normalization, is bounded.
 * </ol>
 *
 * <p>Identifiers (tenant ids, user ids) are stricter and are never changed: they must be in NFC
 * already and hold only letters, marks, digits, punctuation, symbols and inner U+0020 spaces, with
 * no white space around them. A near miss of a registered id is therefore refused or a different
 * id, never the registered one.
 *
 * <p>No compatibility promise: this class is the SDK's own plumbing.
 */
public final class TextPolicy {

  /** Whether line breaks and tabs belong to a field. */
  public enum Form {
    /** One line: names, e-mail addresses, numbers, filter values. */
    SINGLE_LINE,
    /** Free text: addresses, notes; tabs and line breaks allowed. */
    MULTI_LINE
  }

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  private TextPolicy() {}

  /**
   * Checks and normalizes one text value.
   *
   * @param field the field's API name, for the error
   * @param raw the value as given; null is "not given"
   * @param form whether line breaks are allowed
   * @param maxLength the most code points after normalization
   * @return the normalized value, "absent" for null or blank input, or the field error
   */
  public static Checked text(String field, @Nullable String raw, Form form, int maxLength) {
    if (raw == null) {
      return Checked.ABSENT_NULL;
    }
    if (isPrintableAscii(raw)) {
      // The common case: nothing to refuse, nothing for NFC or space unification to change.
      String value = strip(raw);
      if (value.isEmpty()) {
        return Checked.ABSENT_BLANK;
      }
      return value.length() > maxLength ? Checked.failed(tooLong(field, maxLength)) : Checked.ok(value);
    }
    FieldError malformed = malformed(field, raw);
    if (malformed != null) {
      return Checked.failed(malformed);
    }
    String value = strip(Normalizer.normalize(unifySpaces(raw), Normalizer.Form.NFC));
    if (value.isEmpty()) {
      return Checked.ABSENT_BLANK;
    }
    FieldError refused = refusedCharacter(field, value, form);
    if (refused != null) {
      return Checked.failed(refused);
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      return Checked.failed(tooLong(field, maxLength));
    }
    return Checked.ok(value);
  }

  /**
   * Checks an identifier (a tenant id, a user id), which is taken exactly as given.
   *
   * @param field the field's API name, for the error
   * @param raw the identifier as given
   * @param maxLength the most code points
   * @return the identifier, unchanged
   * @throws ValidationException naming the field if the identifier is missing, blank, too long, not
   *     in NFC, surrounded by white space or holding a character identifiers may not hold
   */
  public static String identifier(String field, @Nullable String raw, int maxLength) {
    if (raw == null) {
      throw ValidationException.of(field, FieldError.REQUIRED, field + " is required");
    }
    FieldError malformed = malformed(field, raw);
    if (malformed != null) {
      throw new ValidationException(List.of(malformed));
    }
    if (strip(unifySpaces(raw)).isEmpty()) {
      throw ValidationException.of(field, FieldError.BLANK, field + " is required");
    }
    if (raw.codePointCount(0, raw.length()) > maxLength) {
      throw new ValidationException(List.of(tooLong(field, maxLength)));
    }
    if (raw.charAt(0) == ' ' || raw.charAt(raw.length() - 1) == ' ') {
      throw ValidationException.of(field, FieldError.INVALID_CHARACTERS,
          "must not begin or end with white space");
    }
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (c != ' ' && !isIdentifierCharacter(c)) {
        throw ValidationException.of(field, FieldError.INVALID_CHARACTERS,
            describe(c) + " is not allowed in an identifier");
      }
      i += Character.charCount(c);
    }
    if (!Normalizer.isNormalized(raw, Normalizer.Form.NFC)) {
      throw ValidationException.of(field, FieldError.INVALID,
          "must be in Unicode normalization form NFC");
    }
    return raw;
  }

  /**
   * @param value any string
   * @return whether a store can hold it exactly: well-formed UTF-16 and no NUL character
   */
  public static boolean isStorable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * For adapters, as defence in depth: refuses a value a store could not hold exactly, instead of
   * letting the driver alter it.
   *
   * @param field the field's name, for the error
   * @param value the value about to be written or compared; null passes
   * @return the value
   * @throws ValidationException if the value is not storable exactly
   */
  public static @Nullable String requireStorable(String field, @Nullable String value) {
    if (value != null && !isStorable(value)) {
      throw ValidationException.of(field, FieldError.INVALID_CHARACTERS,
          "not well-formed Unicode; the store would alter it");
    }
    return value;
  }

  /**
   * @param value any string
   * @return whether it is empty once spaces are unified and surrounding white space removed
   */
  public static boolean isBlank(String value) {
    return strip(unifySpaces(value)).isEmpty();
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable FieldError malformed(String field, String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < raw.length()
          && Character.isLowSurrogate(raw.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            "not well-formed Unicode: an unpaired surrogate " + hex(c));
      }
    }
    return null;
  }

  /** Every Unicode space separator (category Zs) becomes U+0020. */
  private static String unifySpaces(String value) {
    StringBuilder unified = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR) {
        if (unified == null) {
          unified = new StringBuilder(value);
        }
        unified.setCharAt(i, ' ');
      }
    }
    return unified == null ? value : unified.toString();
  }

  private static String strip(String value) {
    int begin = 0;
    int end = value.length();
    while (begin < end && isWhiteSpace(value.charAt(begin))) {
      begin++;
    }
    while (end > begin && isWhiteSpace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(begin, end);
  }

  private static boolean isWhiteSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static @Nullable FieldError refusedCharacter(String field, String value, Form form) {
    int previous = -1;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      int next = i + Character.charCount(c) < value.length()
          ? value.codePointAt(i + Character.charCount(c)) : -1;
      if (!isAllowedInText(c, previous, next, form)) {
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            describe(c) + " is not allowed" + (form == Form.SINGLE_LINE && isLineBreak(c)
                ? " in a single-line field" : ""));
      }
      previous = c;
      i += Character.charCount(c);
    }
    return null;
  }

  private static boolean isAllowedInText(int c, int previous, int next, Form form) {
    if (isNoncharacter(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL -> form == Form.MULTI_LINE && (c == '\t' || c == '\n' || c == '\r');
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> form == Form.MULTI_LINE;
      case Character.FORMAT -> (c == ZWNJ || c == ZWJ) && isJoinerInContext(previous, next);
      case Character.SURROGATE -> false;
      default -> true;
    };
  }

  private static boolean isLineBreak(int c) {
    int type = Character.getType(c);
    return c == '\n' || c == '\r' || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * A joiner after a mark (a virama: the Malayalam chillu {@code ന്‍} ends a word with one), or
   * between two letters, marks or symbols (the Persian ZWNJ inside a word, emoji sequences); never
   * at the edge of a word or between digits and spaces, where it only hides.
   */
  private static boolean isJoinerInContext(int previous, int next) {
    return isMark(previous) || (isWordPart(previous) && isWordPart(next));
  }

  private static boolean isMark(int c) {
    if (c < 0) {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** Letters, marks (a virama, an emoji variation selector) and symbols (emoji) join. */
  private static boolean isWordPart(int c) {
    if (c < 0) {
      return false;
    }
    return Character.isLetter(c) || switch (Character.getType(c)) {
      case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
          Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  private static boolean isIdentifierCharacter(int c) {
    if (isNoncharacter(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  /** U+FDD0..U+FDEF and the last two code points of every plane. */
  private static boolean isNoncharacter(int c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
  }

  private static String describe(int c) {
    String kind = switch (Character.getType(c)) {
      case Character.CONTROL -> "a control character";
      case Character.FORMAT -> "an invisible format character";
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line break";
      case Character.SPACE_SEPARATOR -> "a space";
      case Character.UNASSIGNED -> "a noncharacter";
      case Character.PRIVATE_USE -> "a private-use character";
      default -> "the character";
    };
    return kind + " " + hex(c);
  }

  private static String hex(int c) {
    return "U+" + String.format(Locale.ROOT, "%04X", c);
  }

  private static FieldError tooLong(String field, int maxLength) {
    return new FieldError(field, FieldError.TOO_LONG, "at most " + maxLength + " characters");
  }

  /**
   * The outcome of {@link #text}: a normalized value, or "absent", or a field error.
   *
   * @param value the normalized value; null when absent or refused
   * @param blank whether the input was given but blank
   * @param error why the value was refused, or null
   */
  public record Checked(@Nullable String value, boolean blank, @Nullable FieldError error) {

    static final Checked ABSENT_NULL = new Checked(null, false, null);
    static final Checked ABSENT_BLANK = new Checked(null, true, null);

    static Checked ok(String value) {
      return new Checked(value, false, null);
    }

    static Checked failed(FieldError error) {
      return new Checked(null, false, error);
    }
  }
}
