package org.roadmapsync.roadmap;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time written by the tool ({@code '2026-02-10T13:45:03.369959+00:00'}), by a person in ISO
 * form, or as a YAML 1.1 timestamp ({@code 2001-12-14 21:59:43.10 -5}, {@code 2002-12-14}). One
 * without an offset is UTC; one without a time is midnight UTC.
 */
final class YamlTimestamp {
  /** The YAML 1.1 forms PyYAML reads that {@link TimestampFormat} does not (date only, spaces). */
  private static final Pattern YAML_TIMESTAMP =
      Pattern.compile(
          "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
              + "(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{0,9})[0-9]*)?"
              + "(?:[ \\t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?");

  private YamlTimestamp() {}

  static Optional<Instant> parse(String value) {
    return TimestampFormat.parse(value).or(() -> yamlForm(value));
  }

  private static Optional<Instant> yamlForm(String value) {
    Matcher m = YAML_TIMESTAMP.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return Optional.of(date.atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos =
          fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
      LocalDateTime local =
          date.atTime(
              LocalTime.of(
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  Integer.parseInt(m.group(6)),
                  nanos));
      return Optional.of(local.toInstant(offset(m.group(8))));
    } catch (DateTimeException | NumberFormatException notADate) {
      return Optional.empty();
    }
  }

  private static ZoneOffset offset(String text) {
    if (text == null || text.equals("Z")) {
      return ZoneOffset.UTC;
    }
    String sign = text.substring(0, 1);
    String[] parts = text.substring(1).split(":");
    String digits = parts[0];
    int hours;
    int minutes;
    if (parts.length == 2) {
      hours = Integer.parseInt(digits);
      minutes = Integer.parseInt(parts[1]);
    } else if (digits.length() > 2) {
      hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
      minutes = Integer.parseInt(digits.substring(digits.length() - 2));
    } else {
      hours = Integer.parseInt(digits);
      minutes = 0;
    }
    int sig = sign.equals("-") ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sig * hours, sig * minutes);
  }
}
