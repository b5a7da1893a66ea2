package org.roadmapsync.sync;

import java.util.List;
import java.util.Objects;
import org.roadmapsync.persistence.CborSerializable;

/**
 * A field changed on both sides to different values: the value both sides last agreed on and each
 * side's value now. Values are a String, a List of String (labels) or null.
 */
public record FieldConflict(SyncField field, Object base, Object roadmap, Object github)
    implements CborSerializable {

  public FieldConflict {
    Objects.requireNonNull(field, "field");
    base = checked(base);
    roadmap = checked(roadmap);
    github = checked(github);
  }

  /** The value a side holds. */
  public Object value(Side side) {
    return side == Side.ROADMAP ? roadmap : github;
  }

  private static Object checked(Object value) {
    if (value == null || value instanceof String) {
      return value;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return List.copyOf(list);
    }
    throw new IllegalArgumentException(
        "a field value is a String or a List of String, got " + value);
  }
}
