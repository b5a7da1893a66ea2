package org.roadmapsync.sync;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which fields sync, the label prefixes that carry status, priority and issue type on GitHub, and
 * the GitHub issue type of each roadmap {@code issue_type} ({@code ""}: no type) where the
 * repository's owner has issue types.
 *
 * <p>A prefix is reserved: every GitHub label that starts with one (case-insensitively) belongs to
 * the mapping and never counts as a plain label, so the prefixes must be non-blank and distinct.
 */
public record MappingSettings(
    Set<SyncField> enabled,
    String statusLabelPrefix,
    String priorityLabelPrefix,
    String typeLabelPrefix,
    Map<String, String> issueTypeNames) {

  /** GitHub's default issue types: {@code feature} → Feature, {@code bug} → Bug, other none. */
  public static final Map<String, String> DEFAULT_ISSUE_TYPE_NAMES =
      Map.of("feature", "Feature", "bug", "Bug", "other", "");

  public MappingSettings(
      Set<SyncField> enabled,
      String statusLabelPrefix,
      String priorityLabelPrefix,
      String typeLabelPrefix) {
    this(
        enabled, statusLabelPrefix, priorityLabelPrefix, typeLabelPrefix, DEFAULT_ISSUE_TYPE_NAMES);
  }

  public MappingSettings {
    issueTypeNames = issueTypeNames == null ? DEFAULT_ISSUE_TYPE_NAMES : Map.copyOf(issueTypeNames);
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
    return new MappingSettings(
        fields, statusLabelPrefix, priorityLabelPrefix, typeLabelPrefix, issueTypeNames);
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
