package org.roadmapsync.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which new GitHub issues become roadmap files on their own ({@code ROADMAP_GITHUB_AUTO_IMPORT}):
 * none ({@code off}), every issue no roadmap file links ({@code all}), or only those carrying a
 * label ({@code label:NAME}, compared as GitHub compares label names: ignoring case).
 */
public record AutoImport(Mode mode, String label) {

  public enum Mode {
    OFF,
    ALL,
    LABEL
  }

  public static final AutoImport OFF = new AutoImport(Mode.OFF, null);
  public static final AutoImport ALL = new AutoImport(Mode.ALL, null);

  private static final String LABEL_PREFIX = "label:";

  public static AutoImport label(String name) {
    return new AutoImport(Mode.LABEL, name);
  }

  /** {@code off}, {@code all} or {@code label:NAME}; empty for anything else. */
  public static Optional<AutoImport> parse(String value) {
    String trimmed = value.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.equals("off")) {
      return Optional.of(OFF);
    }
    if (lower.equals("all")) {
      return Optional.of(ALL);
    }
    if (lower.startsWith(LABEL_PREFIX) && !trimmed.substring(LABEL_PREFIX.length()).isBlank()) {
      return Optional.of(label(trimmed.substring(LABEL_PREFIX.length()).trim()));
    }
    return Optional.empty();
  }

  public boolean enabled() {
    return mode != Mode.OFF;
  }

  /** Whether an issue with these labels is to be imported. */
  public boolean takes(List<String> labels) {
    return switch (mode) {
      case OFF -> false;
      case ALL -> true;
      case LABEL -> labels.stream().anyMatch(label::equalsIgnoreCase);
    };
  }

  @Override
  public String toString() {
    return mode == Mode.LABEL ? LABEL_PREFIX + label : mode.name().toLowerCase(Locale.ROOT);
  }
}
