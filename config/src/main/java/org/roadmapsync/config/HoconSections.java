package org.roadmapsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings that have no environment variable, only HOCON keys: the milestone routing, the
 * webhooks of several repositories, the field mapping, retries and GitHub pacing. Problems go to
 * the loader's list, so every one is reported in the same run.
 */
final class HoconSections {

  static final String HOOK_ID_ACCEPTED =
      "a positive whole number: the id of the repository's webhook (GET /repos/{owner}/{repo}/hooks)";

  private final Config hocon;
  private final List<String> problems;

  HoconSections(Config hocon, List<String> problems) {
    this.hocon = hocon;
    this.problems = problems;
  }

  Map<String, RepoRef> milestoneRepos() {
    String key = "roadmap-sync.github.milestone-repos";
    Map<String, RepoRef> repos = new TreeMap<>();
    for (var entry : hocon.getObject(key).unwrapped().entrySet()) {
      RawSetting raw =
          new RawSetting(key + ".\"" + entry.getKey() + "\"", String.valueOf(entry.getValue()));
      RepoRef.tryParse(raw.value())
          .ifPresentOrElse(
              repo -> repos.put(entry.getKey(), repo),
              () -> problems.add(raw.problem("owner/name, e.g. octo-org/roadmap")));
    }
    return Map.copyOf(repos);
  }

  /** {@code "owner/name" = hook id}: which webhook's deliveries to read for each repository. */
  Map<RepoRef, Long> hookIds() {
    String key = "roadmap-sync.github.hook-ids";
    Map<RepoRef, Long> ids = new HashMap<>();
    for (var entry : hocon.getObject(key).unwrapped().entrySet()) {
      RawSetting raw =
          new RawSetting(key + ".\"" + entry.getKey() + "\"", String.valueOf(entry.getValue()));
      Optional<RepoRef> repo = RepoRef.tryParse(entry.getKey());
      Optional<Long> id = positiveWholeNumber(raw.value());
      if (repo.isEmpty()) {
        problems.add(
            key
                + ": the key '"
                + entry.getKey()
                + "' is not accepted; expected owner/name, e.g. \"octo-org/roadmap\" = 123");
      } else if (id.isEmpty()) {
        problems.add(raw.problem(HOOK_ID_ACCEPTED));
      } else {
        ids.put(repo.get(), id.get());
      }
    }
    return Map.copyOf(ids);
  }

  /** Digits only, above zero, within a long: GitHub's ids. */
  static Optional<Long> positiveWholeNumber(String text) {
    String trimmed = text.trim();
    if (!trimmed.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    long value = Long.parseLong(trimmed);
    return value > 0 ? Optional.of(value) : Optional.empty();
  }

  static final String ISSUE_TYPES_ACCEPTED =
      "roadmap issue types (feature, bug, other) with GitHub issue type names, e.g."
          + " feature=Feature,bug=Bug,other= (empty: no type), two never naming the same type";

  /**
   * {@code mapping.issue-types}, then the entries of {@code ROADMAP_GITHUB_ISSUE_TYPES} ({@code
   * feature=Feature,bug=Bug,other=}) over them.
   */
  Map<String, String> issueTypes(Optional<String> environment) {
    String key = "roadmap-sync.mapping.issue-types";
    Map<String, String> names = new TreeMap<>();
    for (var entry : hocon.getObject(key).unwrapped().entrySet()) {
      RawSetting raw = new RawSetting(key + "." + entry.getKey(), String.valueOf(entry.getValue()));
      if (!Settings.Mapping.ISSUE_TYPE_NAMES.contains(entry.getKey())) {
        problems.add(raw.problem(ISSUE_TYPES_ACCEPTED));
      } else {
        names.put(entry.getKey(), raw.value().trim());
      }
    }
    if (environment.isPresent()) {
      RawSetting raw = new RawSetting("ROADMAP_GITHUB_ISSUE_TYPES", environment.get());
      for (String item : raw.value().split(",", -1)) {
        if (item.isBlank()) {
          continue;
        }
        int equals = item.indexOf('=');
        String type = equals < 0 ? "" : item.substring(0, equals).trim();
        if (!Settings.Mapping.ISSUE_TYPE_NAMES.contains(type)) {
          problems.add(raw.problem(ISSUE_TYPES_ACCEPTED));
          break;
        }
        names.put(type, item.substring(equals + 1).trim());
      }
    }
    Map<String, String> seen = new HashMap<>();
    for (var entry : names.entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      String other = seen.put(entry.getValue().toLowerCase(Locale.ROOT), entry.getKey());
      if (other != null) {
        problems.add(
            key
                + ": '"
                + other
                + "' and '"
                + entry.getKey()
                + "' both name the GitHub issue type '"
                + entry.getValue()
                + "'; expected "
                + ISSUE_TYPES_ACCEPTED);
      }
    }
    return Map.copyOf(names);
  }

  Settings.Mapping mapping() {
    return mapping(Optional.empty());
  }

  Settings.Mapping mapping(Optional<String> issueTypesEnvironment) {
    String base = "roadmap-sync.mapping.";
    List<String> prefixes = new ArrayList<>();
    for (String key :
        List.of("status-label-prefix", "priority-label-prefix", "type-label-prefix")) {
      RawSetting raw = raw(base + key);
      if (raw.isBlank()) {
        problems.add(raw.problem("a label prefix such as status:"));
      }
      prefixes.add(raw.value());
    }
    for (int i = 0; i < prefixes.size(); i++) {
      for (int j = i + 1; j < prefixes.size(); j++) {
        String a = prefixes.get(i).toLowerCase(Locale.ROOT);
        String b = prefixes.get(j).toLowerCase(Locale.ROOT);
        if (!a.isBlank() && !b.isBlank() && (a.startsWith(b) || b.startsWith(a))) {
          problems.add(
              base
                  + "*-label-prefix: '"
                  + prefixes.get(i)
                  + "' and '"
                  + prefixes.get(j)
                  + "' overlap; expected prefixes where neither starts the other");
        }
      }
    }
    List<String> fields = hocon.getStringList(base + "fields");
    fields.stream()
        .filter(f -> !Settings.Mapping.FIELD_NAMES.contains(f))
        .forEach(
            f ->
                problems.add(
                    new RawSetting(base + "fields", f)
                        .problem("field names among " + Settings.Mapping.FIELD_NAMES)));
    return new Settings.Mapping(
        prefixes.get(0),
        prefixes.get(1),
        prefixes.get(2),
        List.copyOf(fields),
        issueTypes(issueTypesEnvironment));
  }

  Settings.Retry retry() {
    String base = "roadmap-sync.github.retry.";
    Duration[] backoff = backoff(base);
    int count =
        wholeNumber(
            base + "attempts", 1, 100, "a whole number of attempts from 1 to 100 (1 = no retry)");
    return new Settings.Retry(backoff[0], backoff[1], count);
  }

  Settings.Requeue requeue() {
    Duration[] backoff = backoff("roadmap-sync.github.requeue.");
    return new Settings.Requeue(backoff[0], backoff[1]);
  }

  /** {@code base} and {@code max} under {@code path}: positive, and max not below base. */
  private Duration[] backoff(String path) {
    Duration first = positiveDuration(path + "base");
    Duration max = positiveDuration(path + "max");
    if (first != null && max != null && max.compareTo(first) < 0) {
      problems.add(
          raw(path + "max")
              .problem("a duration at least as long as " + path + "base (" + first + ")"));
    }
    return new Duration[] {first, max};
  }

  Settings.Pacing pacing() {
    String base = "roadmap-sync.github.pacing.";
    int reads = wholeNumber(base + "reads-in-flight", 1, 100, "a whole number from 1 to 100");
    Duration spacing = duration(base + "write-spacing", true, "a duration of 0 or more such as 1s");
    int perMinute =
        wholeNumber(
            base + "writes-per-minute", 1, 10_000, "a whole number of writes from 1 to 10000");
    int perHour =
        wholeNumber(
            base + "writes-per-hour", 1, 100_000, "a whole number of writes from 1 to 100000");
    Duration cap = positiveDuration(base + "secondary-hold-cap");
    if (cap != null && cap.compareTo(Duration.ofSeconds(60)) < 0) {
      problems.add(
          raw(base + "secondary-hold-cap")
              .problem("at least 60s (GitHub asks for a minute when it names no wait)"));
    }
    double scale;
    try {
      scale = hocon.getDouble(base + "time-scale");
    } catch (ConfigException e) {
      scale = Double.NaN;
    }
    if (!(scale >= 1 && scale <= 1000)) {
      problems.add(
          raw(base + "time-scale")
              .problem("a number from 1 to 1000 (1 with GitHub; a simulator's --clock-speed)"));
      scale = 1;
    }
    return new Settings.Pacing(reads, spacing, perMinute, perHour, cap, scale);
  }

  private int wholeNumber(String key, int min, int max, String accepted) {
    RawSetting raw = raw(key);
    try {
      int value = Integer.parseInt(raw.value().trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(raw.problem(accepted));
    return min;
  }

  private Duration positiveDuration(String key) {
    return duration(key, false, "a positive duration such as 500ms or 2s");
  }

  private Duration duration(String key, boolean zeroAllowed, String accepted) {
    try {
      Duration d = hocon.getDuration(key);
      if (!d.isNegative() && (zeroAllowed || !d.isZero())) {
        return d;
      }
    } catch (ConfigException e) {
      // reported below
    }
    problems.add(raw(key).problem(accepted));
    return null;
  }

  /** A HOCON key's value as the user wrote it, for problem messages. */
  RawSetting raw(String key) {
    return new RawSetting(key, String.valueOf(hocon.getValue(key).unwrapped()));
  }
}
