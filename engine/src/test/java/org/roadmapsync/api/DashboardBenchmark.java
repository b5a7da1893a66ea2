package org.roadmapsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.openqa.selenium.JavascriptExecutor;
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;

/**
 * The dashboard's issue table over 10,000 roadmap issues: the service (roadmap side only, no
 * GitHub) on a folder of 10,000 issue files, then {@code /api/issues} as the page asks for it and
 * as curl does, then headless Chromium: the issue view opened, sorted, filtered, searched and
 * paged, each timed in the page from the click to the table's redraw.
 *
 * <pre>./mvnw -q -pl engine -am test-compile exec:java -Dconnectors.benchmarks.skip=true
 *     -Dexec.mainClass=org.roadmapsync.api.DashboardBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * Optional argument: the number of issues (10,000).
 */
public final class DashboardBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Browser.assumeAvailable();
    Path folder = Files.createTempDirectory("dashboard-benchmark-");
    Path roadmap = folder.resolve(".roadmap");
    for (String milestone : List.of("v1", "v2", "v3", "backlog")) {
      Files.createDirectories(roadmap.resolve("issues").resolve(milestone));
    }
    for (int i = 1; i <= count; i++) {
      String id = String.format("%08x", 0x10000000 + i);
      String milestone = List.of("v1", "v2", "v3", "backlog").get(i % 4);
      // every 7th names a GitHub issue: linked, pending (no token); the rest unlinked
      String number = i % 7 == 0 ? Integer.toString(i) : "null";
      Files.writeString(
          roadmap.resolve("issues/" + milestone + "/" + id + "-issue-" + i + ".md"),
          "---\nid: "
              + id
              + "\ntitle: "
              + (i % 3 == 0 ? "Fix" : i % 3 == 1 ? "Add" : "Document")
              + " part "
              + i
              + " of the roadmap\npriority: medium\nstatus: todo\nissue_type: feature\n"
              + "milestone: "
              + (milestone.equals("backlog") ? "null" : milestone)
              + "\nlabels: []\ngithub_issue: "
              + number
              + "\ncreated: '2026-01-02T10:00:00+00:00'\nupdated: '2026-01-02T10:00:00+00:00'\n---\n\n"
              + "Body of "
              + i
              + ".\n");
    }
    long started = System.nanoTime();
    RoadmapSyncService service =
        RoadmapSyncService.start(
            SettingsLoader.load(
                Map.of(
                    "ROADMAP_DIR",
                    roadmap.toString(),
                    "ROADMAP_SYNC_DATA_DIR",
                    folder.resolve("data").toString(),
                    "ROADMAP_SYNC_HTTP_PORT",
                    "0",
                    "ROADMAP_GITHUB_REPO",
                    "octo/bench"),
                ConfigFactory.empty()));
    String base = "http://127.0.0.1:" + service.address().getPort();
    try (Browser browser = new Browser()) {
      awaitListed(base, count);
      System.out.printf(
          "service started and listed %,d issues in %.1f s%n",
          count, (System.nanoTime() - started) / 1e9);
      api(base);
      page(browser, base);
    } finally {
      service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    }
  }

  private static int total(String base) throws Exception {
    JsonNode page = JSON.readTree(get(base + "/api/issues?limit=0").body());
    int n = 0;
    for (JsonNode c : page.path("counts")) {
      n += c.asInt();
    }
    return n;
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The API's answers, each asked 20 times: median and slowest, and the size of the answer. */
  private static void api(String base) throws Exception {
    for (String query :
        List.of(
            "/api/issues",
            "/api/issues?limit=50",
            "/api/issues?sort=title&order=desc&limit=50",
            "/api/issues?q=part%20999&limit=50",
            "/api/issues?status=pending&offset=1000&limit=50")) {
      List<Double> ms = new ArrayList<>();
      int bytes = 0;
      for (int i = 0; i < 20; i++) {
        long t0 = System.nanoTime();
        bytes = get(base + query).body().length();
        ms.add((System.nanoTime() - t0) / 1e6);
      }
      Collections.sort(ms);
      System.out.printf(
          "GET %-48s median %6.1f ms, slowest %6.1f ms, %,d bytes%n",
          query, ms.get(ms.size() / 2), ms.get(ms.size() - 1), bytes);
    }
  }

  /**
   * Runs the action named by {@code arguments[0]} and answers the milliseconds until the table's
   * rows are redrawn (no code is built from text: the page's CSP forbids eval).
   */
  private static final String REDRAW =
      "const done = arguments[arguments.length - 1];"
          + "const rows = document.getElementById('issue-rows');"
          + "const t0 = performance.now();"
          + "new MutationObserver((m, o) => { o.disconnect(); done(performance.now() - t0); })"
          + "  .observe(rows, {childList: true});"
          + "switch (arguments[0]) {"
          + "  case 'sort': document.querySelector(\"button.sort[data-sort='title']\").click(); break;"
          + "  case 'filter': { const s = document.getElementById('filter-status');"
          + "    s.value = 'pending'; s.dispatchEvent(new Event('change')); break; }"
          + "  case 'next': document.getElementById('page-next').click(); break;"
          + "  case 'search': { const q = document.getElementById('search');"
          + "    q.value = 'part 99'; q.dispatchEvent(new Event('input')); break; }"
          + "}";

  /** The issue view: opened, then each control, timed from the action to the rows' redraw. */
  private static void page(Browser browser, String base) {
    for (int run = 1; run <= 3; run++) {
      browser.open(base + "/?run=" + run + "#/issues");
      browser.until(d -> browser.all("#issue-rows tr").size() == 50 ? true : null);
      Object shown =
          browser.script(
              "return [Math.round(performance.now()),"
                  + " Math.round(performance.getEntriesByType('navigation')[0]"
                  + ".domContentLoadedEventEnd),"
                  + " document.getElementsByTagName('*').length,"
                  + " performance.memory ? performance.memory.usedJSHeapSize : -1]");
      System.out.println(
          "open #/issues [navigation → 50 rows seen (ms, ±100), DOM ready (ms), elements,"
              + " JS heap bytes]: "
              + shown);
    }
    List<Map.Entry<String, String>> actions =
        List.of(
            Map.entry("sort by title", "sort"),
            Map.entry("sort by title, descending", "sort"),
            Map.entry("filter: status pending", "filter"),
            Map.entry("next page", "next"),
            Map.entry("search 'part 99' (250 ms of it: the pause for typing)", "search"));
    for (Map.Entry<String, String> action : actions) {
      Object ms =
          ((JavascriptExecutor) browser.driver).executeAsyncScript(REDRAW, action.getValue());
      System.out.printf("%-55s %.0f ms%n", action.getKey(), ((Number) ms).doubleValue());
    }
    System.out.println("summary: " + browser.find("#issues-summary").getText());
  }

  /** Polls the read side until it lists {@code count} issues, for at most 10 minutes. */
  private static void awaitListed(String base, int count) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
    while (total(base) < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the service did not list " + count + " issues in 10 min");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L); // between two polls
    }
  }
}
