package org.roadmapsync.roadmap;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a comment body so people can read and edit it in the file, and so it reads back as exactly
 * the same string:
 *
 * <ul>
 *   <li>one line: {@link ScalarRendering} (plain when that reads back the same, else quoted; a
 *       quoted body being replaced keeps its quotes);
 *   <li>several lines: a literal block ({@code |-}, {@code |} or {@code |+} for none, one or more
 *       final line breaks; an indentation indicator when the first line with text starts with a
 *       space), indented two columns under the key;
 *   <li>anything a literal block cannot hold exactly ({@code \r}, control characters, line breaks
 *       the tool's YAML 1.1 reader has that YAML 1.2 does not, a body of line breaks only): one
 *       double-quoted line with escapes.
 * </ul>
 *
 * The text is read back before it is used and falls back to the double-quoted line if it differs,
 * so a rule missed here costs readability, never content.
 */
final class CommentBodyRendering {
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setCodePointLimit(64 * 1024 * 1024)
          .build();

  private CommentBodyRendering() {}

  /**
   * The value to write after {@code body: }, without the line break that ends it (a literal block
   * has line breaks inside).
   *
   * @param existing the style of the body being replaced ({@code PLAIN} for a new entry)
   * @param keyColumn the column of the {@code body} key
   */
  static String render(String body, ScalarStyle existing, int keyColumn, String eol) {
    String rendered;
    if (body.indexOf('\n') < 0) {
      ScalarStyle style =
          existing == ScalarStyle.SINGLE_QUOTED || existing == ScalarStyle.DOUBLE_QUOTED
              ? existing
              : ScalarStyle.PLAIN;
      rendered = ScalarRendering.render(new YamlScalar.Str(body), style);
    } else if (fitsLiteralBlock(body)) {
      rendered = literalBlock(body, keyColumn, eol);
    } else {
      return ScalarRendering.doubleQuoted(body);
    }
    return readsBack(rendered, body, keyColumn, eol)
        ? rendered
        : ScalarRendering.doubleQuoted(body);
  }

  private static boolean fitsLiteralBlock(String body) {
    boolean hasText = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean printable =
          c == '\t'
              || c == '\n'
              || (c >= 0x20 && c < 0x7f)
              || (c >= 0xa0 && c <= 0xfffd && c != 0x2028 && c != 0x2029 && c != 0xfeff);
      if (!printable) {
        return false;
      }
      hasText |= c != '\n';
    }
    return hasText;
  }

  private static String literalBlock(String body, int keyColumn, String eol) {
    int end = body.length();
    while (end > 0 && body.charAt(end - 1) == '\n') {
      end--;
    }
    int finalBreaks = body.length() - end;
    String content = body.substring(0, end);
    String chomping = finalBreaks == 0 ? "-" : finalBreaks == 1 ? "" : "+";
    // YAML guesses the indentation from the first line with text; a leading space would be taken
    // for indentation, so say it: two columns more than the key, as the lines are written
    String indentation = firstLineWithTextStartsWithSpace(content) ? "2" : "";
    String pad = " ".repeat(keyColumn + 2);
    StringBuilder out = new StringBuilder(body.length() + 64).append('|');
    out.append(indentation).append(chomping);
    for (String line : content.split("\n", -1)) {
      out.append(eol);
      if (!line.isEmpty()) {
        out.append(pad).append(line);
      }
    }
    // the last content line's own break is the final line break; each further one is a line
    out.append(eol.repeat(Math.max(0, finalBreaks - 1)));
    return out.toString();
  }

  private static boolean firstLineWithTextStartsWithSpace(String content) {
    for (String line : content.split("\n", -1)) {
      if (!line.isEmpty()) {
        return line.charAt(0) == ' ';
      }
    }
    return false;
  }

  /** Reads the value back in the same place (a mapping at the key's column). */
  private static boolean readsBack(String rendered, String body, int keyColumn, String eol) {
    String yaml =
        " ".repeat(keyColumn) + "body: " + rendered + eol + " ".repeat(keyColumn) + "x: 0";
    try {
      Object read = new Load(SETTINGS).loadFromString(yaml);
      return read instanceof Map<?, ?> map && body.equals(map.get("body"));
    } catch (YamlEngineException e) {
      return false;
    }
  }
}
