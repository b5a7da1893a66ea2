package org.roadmapsync.sync;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which fields sync and the label prefixes that carry status, priority and issue type on GitHub.
 *
 * <p>A prefix is reserved: every GitHub label that starts with one (case-insensitively) belongs to
 * the mapping and never counts as a plain label, so the prefixes must be non-blank and distinct.
 */
public record MappingSettings(
    Set<SyncField> enabled,
    String statusLabelPrefix,
    String priorityLabelPrefix,
    String typeLabelPrefix) {

  public MappingSettings {
    if (enabled == null) {
      throw new IllegalArgumentException("enabled fields cannot be null");
    }
    enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    requirePrefix("status", statusLabelPrefix);
    requirePrefix("priority", priorityLabelPrefix);
    requirePrefix("type", typeLabelPrefix);
    if (overlap(statusLabelPrefix, priorityLabelPrefix)
        || overlap(statusLabelPrefix, typeLabelPrefix)
        || overlap(priorityLabelPrefix, typeLabelPrefix)) {
      throw new IllegalArgumentException(
          "label prefixes must not overlap, got '%s', '%s', '%s'"
              .formatted(statusLabelPrefix, priorityLabelPrefix, typeLabelPrefix));
    }
  }

  /** Every field, with the prefixes {@code status:}, {@code priority:} and {@code type:}. */
  public static MappingSettings defaults() {
    return new MappingSettings(EnumSet.allOf(SyncField.class), "status:", "priority:", "type:");
  }

  public boolean isEnabled(SyncField field) {
    return enabled.contains(field);
  }

  /** The same prefixes with only these fields enabled. */
  public MappingSettings withEnabled(Set<SyncField> fields) {
    return new MappingSettings(fields, statusLabelPrefix, priorityLabelPrefix, typeLabelPrefix);
  }

  private static void requirePrefix(String name, String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("the " + name + " label prefix cannot be blank");
    }
  }

  // one prefix starting another would make a label belong to two fields
  private static boolean overlap(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    return x.startsWith(y) || y.startsWith(x);
  }
}
