package org.roadmapsync.roadmap;

import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Writes one scalar as YAML text, in the quoting style the file already uses for that value when
 * the value allows it. Plain text that another YAML reader (the roadmap tool uses YAML 1.1) could
 * take for a number, boolean, date or null is quoted.
 */
final class ScalarRendering {
  /**
   * Plain words YAML 1.1 reads as something else; PyYAML cannot even load {@code =} or {@code <<}.
   */
  private static final Set<String> RESERVED_WORDS =
      Set.of("null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<");

  private static final Pattern NUMBER_LIKE =
      Pattern.compile("^[-+.]?[0-9].*|^[-+]?\\.(inf|nan)$", Pattern.CASE_INSENSITIVE);
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private ScalarRendering() {}

  static String render(YamlScalar value, ScalarStyle existing) {
    if (value instanceof YamlScalar.Bool b) {
      return Boolean.toString(b.value());
    }
    if (value instanceof YamlScalar.Int i) {
      String digits = Long.toString(i.value());
      return quotedStyle(existing) ? quote(digits, existing) : digits;
    }
    if (value instanceof YamlScalar.Timestamp t) {
      return quotedStyle(existing) ? quote(t.text(), existing) : t.text();
    }
    if (value instanceof YamlScalar.Str s) {
      return string(s.value(), existing);
    }
    return "null";
  }

  private static boolean quotedStyle(ScalarStyle style) {
    return style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
  }

  private static String string(String value, ScalarStyle existing) {
    if (existing == ScalarStyle.DOUBLE_QUOTED || !printableOnOneLine(value)) {
      return doubleQuoted(value);
    }
    if (existing == ScalarStyle.SINGLE_QUOTED || !plainSafe(value)) {
      return singleQuoted(value);
    }
    return value;
  }

  private static String quote(String value, ScalarStyle style) {
    return style == ScalarStyle.DOUBLE_QUOTED ? doubleQuoted(value) : singleQuoted(value);
  }

  static boolean plainSafe(String value) {
    if (value.isEmpty()
        || Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1))) {
      return false;
    }
    if (INDICATORS.indexOf(value.charAt(0)) >= 0 || value.endsWith(":")) {
      return false;
    }
    if (value.contains(": ") || value.contains(" #") || value.contains("\t")) {
      return false;
    }
    return !RESERVED_WORDS.contains(value.toLowerCase()) && !NUMBER_LIKE.matcher(value).matches();
  }

  private static boolean printableOnOneLine(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t')
          || c == 0x7f
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  static String singleQuoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20
              || c == 0x7f
              || c == '\u0085'
              || c == '\u2028'
              || c == '\u2029'
              || c == '\uFEFF') {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
