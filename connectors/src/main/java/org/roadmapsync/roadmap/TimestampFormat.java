package org.roadmapsync.roadmap;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an ISO timestamp found in a file ({@code 2026-02-11T22:03:40.351985+00:00}, {@code
 * 2025-10-14T15:17:53.097110}, {@code ...Z}), so a new value can be written the same way.
 */
record TimestampFormat(char separator, int fractionDigits, String offsetStyle, ZoneOffset offset) {
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");

  /** What the roadmap tool writes: Python's {@code isoformat()} of an aware UTC time. */
  static final TimestampFormat ROADMAP_DEFAULT =
      new TimestampFormat('T', 6, "+00:00", ZoneOffset.UTC);

  static Optional<TimestampFormat> detect(String value) {
    Matcher m = ISO.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String offsetText = m.group(5) == null ? "" : m.group(5);
    ZoneOffset offset;
    try {
      offset =
          offsetText.isEmpty() || offsetText.equals("Z")
              ? ZoneOffset.UTC
              : ZoneOffset.of(
                  offsetText.length() == 5
                      ? offsetText.substring(0, 3) + ":" + offsetText.substring(3)
                      : offsetText);
    } catch (DateTimeException impossible) {
      return Optional.empty();
    }
    int digits = m.group(4) == null ? 0 : m.group(4).length();
    return Optional.of(new TimestampFormat(m.group(2).charAt(0), digits, offsetText, offset));
  }

  /** Reads a timestamp; one without an offset is taken as UTC; an impossible one is empty. */
  static Optional<Instant> parse(String value) {
    Matcher m = ISO.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(instant(m));
    } catch (DateTimeException impossible) {
      // month 13 or offset +25:00 has the shape but no time: it reads as no time, not a crash
      return Optional.empty();
    }
  }

  private static Instant instant(Matcher m) {
    String local = m.group(1) + "T" + m.group(3) + (m.group(4) == null ? "" : "." + m.group(4));
    LocalDateTime dateTime = LocalDateTime.parse(local);
    String offsetText = m.group(5);
    if (offsetText == null || offsetText.equals("Z")) {
      return dateTime.toInstant(ZoneOffset.UTC);
    }
    String normalised =
        offsetText.length() == 5
            ? offsetText.substring(0, 3) + ":" + offsetText.substring(3)
            : offsetText;
    return dateTime.toInstant(ZoneOffset.of(normalised));
  }

  String format(Instant instant) {
    OffsetDateTime at = instant.atOffset(offset).truncatedTo(ChronoUnit.NANOS);
    StringBuilder out =
        new StringBuilder(DateTimeFormatter.ISO_LOCAL_DATE.format(at))
            .append(separator)
            .append(DateTimeFormatter.ofPattern("HH:mm:ss").format(at));
    if (fractionDigits > 0) {
      String nanos = String.format("%09d", at.getNano());
      out.append('.').append(nanos, 0, fractionDigits);
    }
    return out.append(offsetStyle).toString();
  }
}
