package io.ledgerkit.internal;

import io.ledgerkit.FieldError;
import io.ledgerkit.ValidationException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 *   <li>leading and trailing spaces, tabs, line feeds and carriage returns are removed, nothing
 *       else: every other character stays to be accepted or refused where it stands;
 *   <li>control characters are refused (tabs and line breaks are kept in multi-line fields), and
 *       so are the format characters that hide or reorder text: bidi controls, zero-width space,
 *       word joiner, U+FEFF, soft hyphen, tags; line and paragraph separators in single-line fields;
 *       noncharacters; the Hangul fillers; a variation selector or grapheme joiner with nothing
 *       before it to modify. The joiners stay allowed where PRECIS (RFC 8264, with the contextual
 *       rules of RFC 5892) allows them, as Malayalam, Hindi and Persian spellings need them: U+200D
 *       right after a virama, U+200C after a virama or between two letters of a joining script
 *       (Arabic, Syriac, ...); and U+200D between two pictographs, as emoji sequences need it;
 *   <li>what shows nothing (empty, or only white space and blank Braille patterns) is "not
 *       given";
 *   <li>the length, counted in code points after normalization, is bounded.
 * </ol>
 *
 * <p>Identifiers (tenant ids, user ids) are stricter and are never changed: they must be in NFC
 * already and hold only letters, marks, digits, punctuation, symbols and inner U+0020 spaces, with
 * no white space around them, no invisible character (variation selectors, fillers, the grapheme
 * joiner) and no combining mark first. A near miss of a registered id is therefore refused or a different
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
  private static final int EMOJI_PRESENTATION = 0xFE0F;
  private static final int KEYCAP = 0x20E3;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;
  /** Arabic and Syriac letters of joining type R (Unicode 13, ArabicShaping.txt), sorted. */
  private static final int[] RIGHT_JOINING = {0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629,
      0x062F, 0x0630, 0x0631, 0x0632, 0x0648, 0x0671, 0x0672, 0x0673, 0x0675, 0x0676, 0x0677,
      0x0688, 0x0689, 0x068A, 0x068B, 0x068C, 0x068D, 0x068E, 0x068F, 0x0690, 0x0691, 0x0692,
      0x0693, 0x0694, 0x0695, 0x0696, 0x0697, 0x0698, 0x0699, 0x06C0, 0x06C3, 0x06C4, 0x06C5,
      0x06C6, 0x06C7, 0x06C8, 0x06C9, 0x06CA, 0x06CB, 0x06CD, 0x06CF, 0x06D2, 0x06D3, 0x06D5,
      0x06EE, 0x06EF, 0x0710, 0x0715, 0x0716, 0x0717, 0x0718, 0x0719, 0x071E, 0x0728, 0x072A,
      0x072C, 0x072F, 0x074D, 0x0759, 0x075A, 0x075B, 0x076B, 0x076C, 0x0771, 0x0778, 0x0779};
  private static final int BLANK_BRAILLE = 0x2800;
  /** The viramas: the code points of canonical combining class 9 (Unicode 13). */
  private static final int[] VIRAMAS = {0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D,
      0x0CCD, 0x0D3B, 0x0D3C, 0x0D4D, 0x0DCA, 0x0E3A, 0x0EBA, 0x0F84, 0x1039, 0x103A, 0x1714,
      0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA, 0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA82C,
      0xA8C4, 0xA953, 0xA9C0, 0xAAF6, 0xABED, 0x10A3F, 0x11046, 0x1107F, 0x110B9, 0x11133,
      0x11134, 0x111C0, 0x11235, 0x112EA, 0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6,
      0x1172B, 0x11839, 0x1193D, 0x1193E, 0x119E0, 0x11A34, 0x11A47, 0x11A99, 0x11C3F, 0x11D44,
      0x11D45, 0x11D97};
  /** Scripts whose letters join each other, where a ZWNJ inside a word keeps two apart. */
  private static final Set<Character.UnicodeScript> JOINING_SCRIPTS = EnumSet.of(
      Character.UnicodeScript.ARABIC, Character.UnicodeScript.SYRIAC, Character.UnicodeScript.NKO,
      Character.UnicodeScript.MONGOLIAN, Character.UnicodeScript.MANDAIC,
      Character.UnicodeScript.MANICHAEAN, Character.UnicodeScript.PSALTER_PAHLAVI,
      Character.UnicodeScript.PHAGS_PA, Character.UnicodeScript.ADLAM,
      Character.UnicodeScript.HANIFI_ROHINGYA, Character.UnicodeScript.SOGDIAN);

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
    if (isInvisible(value)) {
      return Checked.ABSENT_BLANK;
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
    if (raw.contains("  ")) {
      throw ValidationException.of(field, FieldError.INVALID_CHARACTERS,
          "must not hold two spaces in a row");
    }
    if (isMark(raw.codePointAt(0))) {
      throw ValidationException.of(field, FieldError.INVALID_CHARACTERS,
          "must not begin with a combining mark");
    }
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      if (c != ' ' && (!isIdentifierCharacter(c) || isInvisibleCharacter(c))) {
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
   * @return whether it is empty once spaces are unified and surrounding white space (blank
   *     Braille patterns included) removed; anything else is a value, to be accepted or refused
   */
  public static boolean isBlank(String value) {
    return strip(unifySpaces(value)).isEmpty();
  }

  /** Whether the value, checked already, shows nothing: white space, line and paragraph separators. */
  private static boolean isInvisible(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isWhiteSpace(c) && c != '\u2028' && c != '\u2029') {
        return false;
      }
    }
    return true;
  }

  /**
   * Characters that show nothing on their own and are not format characters: the combining
   * grapheme joiner, variation selectors, Mongolian free variation selectors, the Khmer inherent
   * vowels, the Hangul fillers and the blank Braille pattern. A value made only of them (and white
   * space) is blank; identifiers may not hold them.
   */
  private static boolean isInvisibleCharacter(int c) {
    return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
        || (c >= 0x180B && c <= 0x180F) || c == 0x2800 || c == 0x3164 || c == 0xFFA0
        || c == 0x16FE4 || c == 0x1D159
        || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }

  /** The Hangul fillers, which stand for no sound in modern text and only pad or hide. */
  private static boolean isHangulFiller(int c) {
    return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
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

  /**
   * What trimming removes: U+0020 (every Unicode space has become one), tab, line feed, carriage
   * return and the blank Braille pattern, the space of Braille text. Other controls and the line and paragraph separators are not trimmed but refused where
   * they stand, so that nothing a caller sent disappears silently.
   */
  private static boolean isWhiteSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == BLANK_BRAILLE;
  }

  private static @Nullable FieldError refusedCharacter(String field, String value, Form form) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!isAllowedInText(value, i, c, form)) {
        return new FieldError(field, FieldError.INVALID_CHARACTERS,
            describe(c) + " is not allowed" + (form == Form.SINGLE_LINE && isLineBreak(c)
                ? " in a single-line field" : isInvisibleCharacter(c) ? " here" : ""));
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** @param at where {@code c} stands in {@code value} */
  private static boolean isAllowedInText(String value, int at, int c, Form form) {
    if (isNoncharacter(c) || isHangulFiller(c) || isReservedIgnorable(c) || c == 0x16FE4
        || c == 0x1D159) {
      return false;
    }
    if (isTag(c)) {
      return isInFlagTagSequence(value, at, c);
    }
    if (isInvisibleCharacter(c) && c != BLANK_BRAILLE) {
      return isModifierInContext(c, previous(value, at), next(value, at));
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL -> form == Form.MULTI_LINE && (c == '\t' || c == '\n' || c == '\r');
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> form == Form.MULTI_LINE;
      case Character.FORMAT -> c == ZWNJ ? isZwnjInContext(value, at)
          : c == ZWJ && isZwjInContext(value, at);
      case Character.SURROGATE -> false;
      default -> true;
    };
  }

  /**
   * An invisible modifier only where it modifies something, once: a variation selector U+FE00..F
   * after a pictograph (emoji presentation), a CJK ideograph, a mathematical symbol or a Myanmar
   * letter (their standardized variants), or after a digit, {@code #} or {@code *} that a keycap
   * U+20E3 follows; an ideographic variation selector (U+E0100..) after a CJK ideograph; a
   * Mongolian free variation selector after a Mongolian letter; the grapheme joiner between a
   * letter or mark and a mark, whose order it keeps. The Khmer inherent vowels, which Unicode
   * discourages, are refused.
   */
  private static boolean isModifierInContext(int c, int previous, int next) {
    if (previous < 0) {
      return false;
    }
    if (c >= 0x180B && c <= 0x180F) {
      return Character.isLetter(previous)
          && Character.UnicodeScript.of(previous) == Character.UnicodeScript.MONGOLIAN;
    }
    if (c == 0x034F) {
      return (Character.isLetter(previous) || isMark(previous)) && next >= 0 && isMark(next);
    }
    if (c >= 0xE0100) {
      return Character.isIdeographic(previous);
    }
    if (c >= 0xFE00 && c <= 0xFE0F) {
      boolean keycap = (Character.isDigit(previous) && previous < 0x80 || previous == '#'
          || previous == '*') && next == KEYCAP;
      return keycap || isPictograph(previous) || Character.isIdeographic(previous)
          || Character.getType(previous) == Character.MATH_SYMBOL
          || Character.isLetter(previous)
          && Character.UnicodeScript.of(previous) == Character.UnicodeScript.MYANMAR;
    }
    return false;
  }

  /**
   * The blocks emoji are drawn from, assigned or not on this JVM's Unicode tables (a newer emoji is
   * unassigned to an older JDK): arrows, miscellaneous technical, symbols and dingbats,
   * miscellaneous symbols and arrows, and the supplementary pictographs.
   */
  private static boolean isPictograph(int c) {
    return (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF)
        || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF)
        || (c >= 0x1F000 && c <= 0x1FAFF);
  }

  /** Code points Unicode reserves to be ignored invisibly once assigned. */
  private static boolean isReservedIgnorable(int c) {
    if (c == 0x2065 || (c >= 0xFFF0 && c <= 0xFFF8)) {
      return true;
    }
    boolean variationSelector = c >= 0xE0100 && c <= 0xE01EF;
    return c >= 0xE0000 && c <= 0xE0FFF && !isTag(c) && !variationSelector;
  }

  private static boolean isTag(int c) {
    return c >= 0xE0020 && c <= 0xE007F;
  }

  /**
   * Tag characters only as an emoji flag of a subdivision spells them (UTS #51): after the black
   * flag U+1F3F4 or another tag, lower-case letters and digits, closed by the cancel tag U+E007F.
   */
  private static boolean isInFlagTagSequence(String value, int at, int c) {
    int previous = previous(value, at);
    boolean afterFlagOrTag = previous == BLACK_FLAG || (isTag(previous) && previous != CANCEL_TAG);
    if (!afterFlagOrTag) {
      return false;
    }
    if (c == CANCEL_TAG) {
      return isTag(previous);
    }
    boolean letterOrDigit = (c >= 0xE0061 && c <= 0xE007A) || (c >= 0xE0030 && c <= 0xE0039);
    int next = next(value, at);
    return letterOrDigit && (next == CANCEL_TAG || (isTag(next) && next != CANCEL_TAG));
  }

  private static boolean isLineBreak(int c) {
    int type = Character.getType(c);
    return c == '\n' || c == '\r' || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * PRECIS's rule for U+200D (RFC 5892, appendix A.2): right after a virama, as in the Malayalam
   * chillu or a Hindi half form. Two additions that real spellings need: right before a virama after
   * a letter (the Bengali ra-phala and ya-phala, Kannada and Sinhala touching letters), and between
   * two pictographs, the first possibly with a skin tone or U+FE0F (emoji ZWJ sequences, UTS #51).
   * Anywhere else it only hides.
   */
  private static boolean isZwjInContext(String value, int at) {
    int previous = previous(value, at);
    int next = next(value, at);
    if (isVirama(previous) || (previous >= 0 && Character.isLetter(previous) && isVirama(next))) {
      return true;
    }
    int base = previous;
    if (previous == EMOJI_PRESENTATION || (previous >= 0x1F3FB && previous <= 0x1F3FF)) {
      base = previous(value, at - Character.charCount(previous));
    }
    return base >= 0 && isPictograph(base) && next >= 0 && isPictograph(next);
  }

  /**
   * PRECIS's rule for U+200C (RFC 5892, appendix A.1): right after a virama, or inside a word of a
   * script whose letters join (Arabic, Syriac, N'Ko, Mongolian, ...), with letters of that script
   * on both sides, marks in between skipped, as the Persian ZWNJ stands. Java does not expose
   * Unicode's joining types, so the script stands for them.
   */
  private static boolean isZwnjInContext(String value, int at) {
    int previous = previous(value, at);
    if (isVirama(previous)) {
      return true;
    }
    int before = at;
    while (previous >= 0 && isMark(previous)) {
      before -= Character.charCount(previous);
      previous = previous(value, before);
    }
    int after = at + 1;
    int next = after < value.length() ? value.codePointAt(after) : -1;
    while (next >= 0 && isMark(next)) {
      after += Character.charCount(next);
      next = after < value.length() ? value.codePointAt(after) : -1;
    }
    // RFC 5892: a left- or dual-joining letter before, a right- or dual-joining one after.
    return isJoiningLetter(previous) && !isRightJoiningOnly(previous) && isJoiningLetter(next)
        && !isNonJoining(next);
  }

  /**
   * Arabic and Syriac letters that join only to the letter before them (joining type R): a ZWNJ
   * after one keeps apart nothing, it only hides.
   */
  private static boolean isRightJoiningOnly(int c) {
    return Arrays.binarySearch(RIGHT_JOINING, c) >= 0;
  }

  /** Letters of a joining script that join neither side (the Arabic hamza). */
  private static boolean isNonJoining(int c) {
    return c == 0x0621;
  }

  private static int previous(String value, int at) {
    return at > 0 ? value.codePointBefore(at) : -1;
  }

  private static int next(String value, int at) {
    int after = at + Character.charCount(value.codePointAt(at));
    return after < value.length() ? value.codePointAt(after) : -1;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean isVirama(int c) {
    return c >= 0 && Arrays.binarySearch(VIRAMAS, c) >= 0;
  }

  private static boolean isJoiningLetter(int c) {
    return c >= 0 && Character.isLetter(c) && JOINING_SCRIPTS.contains(Character.UnicodeScript.of(c));
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
      default -> isInvisibleCharacter(c) ? "the invisible character" : "the character";
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
