package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The counters behind {@code GET /_sim/stats}. */
final class SimStats {
  private final Map<String, Long> requests = new TreeMap<>();
  private final Map<String, Long> violations = new TreeMap<>();
  private final Map<String, Long> writesPerIssue = new TreeMap<>();
  private final Map<String, Long> webhooks = new TreeMap<>();
  private long quotaSpent;
  private long notModified;
  private long faultsInjected;

  synchronized void request(String route, int status) {
    requests.merge(route + " " + status, 1L, Long::sum);
    if (status == 304) notModified++;
  }

  synchronized void quotaSpent() {
    quotaSpent++;
  }

  synchronized void violation(String kind) {
    violations.merge(kind, 1L, Long::sum);
  }

  synchronized void fault() {
    faultsInjected++;
  }

  synchronized void issueWrite(String repo, int number) {
    writesPerIssue.merge(repo + "#" + number, 1L, Long::sum);
  }

  synchronized void webhook(String outcome) {
    webhooks.merge(outcome, 1L, Long::sum);
  }

  synchronized ObjectNode toJson(int maxConcurrency) {
    ObjectNode j = GitHubShapes.MAPPER.createObjectNode();
    ObjectNode byRoute = j.putObject("requests");
    requests.forEach(byRoute::put);
    long total = requests.values().stream().mapToLong(Long::longValue).sum();
    j.put("requests_total", total)
        .put("quota_spent", quotaSpent)
        .put("not_modified", notModified)
        .put("faults_injected", faultsInjected)
        .put("max_concurrency", maxConcurrency);
    ObjectNode v = j.putObject("violations");
    for (String kind :
        new String[] {
          "primary", "CONCURRENCY", "WRITES_PER_MINUTE", "WRITES_PER_HOUR", "WRITE_SPACING"
        }) {
      v.put(kind.toLowerCase(Locale.ROOT), violations.getOrDefault(kind, 0L));
    }
    ObjectNode w = j.putObject("writes_per_issue");
    writesPerIssue.forEach(w::put);
    ObjectNode h = j.putObject("webhooks");
    for (String k : new String[] {"delivered", "failed", "lost", "duplicated", "redelivered"})
      h.put(k, webhooks.getOrDefault(k, 0L));
    return j;
  }

  synchronized void reset() {
    requests.clear();
    violations.clear();
    writesPerIssue.clear();
    webhooks.clear();
    quotaSpent = 0;
    notModified = 0;
    faultsInjected = 0;
  }
}
