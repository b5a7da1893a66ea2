package org.roadmapsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON object of filters ({@code POST /api/import}, {@code POST /api/publish}) read key by key:
 * an unknown key or a value of the wrong kind is a {@link BadFilter} naming it, so the answer is a
 * 400 that says which.
 */
final class FilterBody {

  static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

  /** A filter the request got wrong; the message names it and what is accepted. */
  static final class BadFilter extends RuntimeException {
    BadFilter(String message) {
      super(message, null, false, false);
    }
  }

  private final JsonNode body;

  /**
   * @param body the request's JSON (null or an empty body: no filter)
   * @param known the keys a filter may have
   */
  FilterBody(JsonNode body, List<String> known) {
    if (body != null && !body.isNull() && !body.isObject()) {
      throw new BadFilter("expected a JSON object of filters: " + String.join(", ", known));
    }
    this.body = body == null || body.isNull() ? null : body;
    if (this.body != null) {
      for (Iterator<String> keys = this.body.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!known.contains(key)) {
          throw new BadFilter(
              "unknown filter '" + key + "'; the filters are " + String.join(", ", known));
        }
      }
    }
  }

  private Optional<JsonNode> value(String key) {
    return body == null || !body.hasNonNull(key) ? Optional.empty() : Optional.of(body.get(key));
  }

  Optional<String> text(String key) {
    return value(key)
        .map(
            v -> {
              if (!v.isTextual() || v.asText().isBlank()) {
                throw new BadFilter(key + " must be a non-empty string; got " + v);
              }
              return v.asText().trim();
            });
  }

  Optional<String> repo(String key) {
    return text(key)
        .map(
            r -> {
              if (!REPO.matcher(r).matches()) {
                throw new BadFilter(key + " must be owner/name; got '" + r + "'");
              }
              return r;
            });
  }

  String oneOf(String key, Set<String> allowed, String fallback) {
    return value(key)
        .map(
            v -> {
              if (!v.isTextual() || !allowed.contains(v.asText())) {
                throw new BadFilter(
                    key
                        + " must be one of "
                        + String.join(", ", allowed.stream().sorted().toList())
                        + "; got "
                        + v);
              }
              return v.asText();
            })
        .orElse(fallback);
  }

  /** A list of non-empty strings; a single string counts as a list of one. */
  List<String> texts(String key) {
    Optional<JsonNode> v = value(key);
    if (v.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    if (v.get().isTextual()) {
      items.add(v.get().asText());
    } else if (v.get().isArray()) {
      v.get().forEach(item -> items.add(item.isTextual() ? item.asText() : null));
    } else {
      items.add(null);
    }
    if (items.stream().anyMatch(i -> i == null || i.isBlank())) {
      throw new BadFilter(key + " must be a list of non-empty strings; got " + v.get());
    }
    return items.stream().map(String::trim).toList();
  }

  boolean bool(String key) {
    return value(key)
        .map(
            v -> {
              if (!v.isBoolean()) {
                throw new BadFilter(key + " must be true or false; got " + v);
              }
              return v.booleanValue();
            })
        .orElse(false);
  }

  /** A date ({@code 2026-01-31}, midnight UTC) or a time ({@code 2026-01-31T10:00:00Z}). */
  Optional<Instant> time(String key) {
    return text(key).map(t -> parseTime(key, t));
  }

  static Instant parseTime(String key, String text) {
    try {
      return text.contains("T")
          ? Instant.parse(text)
          : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadFilter(
          key
              + " must be a date (2026-01-31) or an ISO time (2026-01-31T10:00:00Z); got '"
              + text
              + "'");
    }
  }
}
