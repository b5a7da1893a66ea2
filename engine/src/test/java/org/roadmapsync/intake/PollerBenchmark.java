package org.roadmapsync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.roadmapsync.app.Main;
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Not a test: figures for docs/BENCHMARKS.md. 5,000 GitHub issues and 5,000 roadmap files naming
 * them, then (1) the service's first start over them until every issue is synced, (2) a poll with a
 * new watermark and an idle poll, (3) 200 signed webhooks a second for 10 s, each timed from its
 * POST to the change in its file, after a warm-up round of up to 15 s at the same rate on the other
 * issues. Run with {@code ./mvnw -q -pl engine -am test-compile exec:java
 * -Dconnectors.benchmarks.skip=true -Dexec.mainClass=org.roadmapsync.intake.PollerBenchmark
 * -Dexec.classpathScope=test}; optional {@code -Dexec.args="<issues> <webhooks per second>
 * <seconds> [<measured rounds>]"} (defaults 5000 200 10 1: each measured round on issues of its
 * own, so more rounds need more issues, e.g. {@code 11000 200 10 4}).
 */
public final class PollerBenchmark {

  private static final String TOKEN = "bench-token";
  private static final String SECRET = "bench-secret";
  private static final String REPO = "bench/repo";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int issues;
  private final ActorSystem<Void> system;
  private final GitHubSimulator github;
  private final Path folder;
  private RoadmapSyncService service;
  private String api;

  private PollerBenchmark(int issues) throws Exception {
    this.issues = issues;
    Config config =
        ConfigFactory.parseString(
                "pekko.http.host-connection-pool { max-connections = 64, max-open-requests = 1024 }\n"
                    + "pekko.loglevel = WARNING")
            .withFallback(ConfigFactory.load());
    this.system = ActorSystem.create(Behaviors.empty(), "benchmark", config);
    this.github =
        GitHubSimulator.start(
            system,
            SimSettings.defaults(TOKEN, REPO)
                .withLimits(SimLimits.github().withPrimary(1_000_000, Duration.ofHours(1))));
    this.folder = Files.createTempDirectory("roadmap-sync-bench");
  }

  public static void main(String[] args) throws Exception {
    Main.keepCommonPoolOn();
    System.out.println(
        "common pool parallelism: " + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
    int issues = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    PollerBenchmark bench = new PollerBenchmark(issues);
    boolean ok = false;
    try {
      bench.run(perSecond, seconds, rounds);
      bench.stop();
      ok = true;
    } finally {
      // exec:java would otherwise wait for the stopped systems' last threads, or a stop that hangs
      Runtime.getRuntime().halt(ok ? 0 : 1);
    }
  }

  private void run(int perSecond, int seconds, int rounds) throws Exception {
    seed();
    writeLinkedFiles();
    JsonNode before = stats();
    long t1 = System.nanoTime();
    startService();
    waitFor("every issue synced", Duration.ofMinutes(10), () -> count("synced") >= issues);
    print(
        "initial sync of " + issues + " linked issues (service start to all synced)",
        t1,
        () -> before,
        stats(),
        null);
    call("PUT", "/api/auto-sync", "{\"enabled\":false}");

    JsonNode beforeNext = stats();
    long t2 = System.nanoTime();
    pollOnce();
    print("next poll (new watermark: a new URL, 1 page)", t2, () -> beforeNext, stats(), null);

    JsonNode beforeIdle = stats();
    long t3 = System.nanoTime();
    pollOnce();
    print("idle poll (same URL and ETag)", t3, () -> beforeIdle, stats(), null);

    // The first deliveries after a start run on cold code: the JIT compilers take a large share of
    // the two cores
    // for the first ten seconds or so. A warm-up round on other issues comes first; both rounds are
    // printed.
    int total = Math.min(perSecond * seconds, issues / rounds);
    int warmUp = Math.min(perSecond * 15, issues - total * rounds);
    webhooks("warm-up (not the figure)", total * rounds + 1, warmUp, perSecond);
    // The measured round starts from a service at rest: the read side has taken the warm-up's
    // events.
    long t4 = System.nanoTime();
    waitFor(
        "the read side",
        Duration.ofMinutes(2),
        () -> {
          long shown = 0;
          for (JsonNode row : getQuietly("/api/issues")) {
            shown += row.path("title").asText().startsWith("Webhook ") ? 1 : 0;
          }
          return shown >= warmUp;
        });
    System.out.printf(
        "  read side caught up %.1f s after the warm-up round%n", (System.nanoTime() - t4) / 1e9);
    for (int round = 0; round < rounds; round++) {
      webhooks(
          rounds == 1 ? "measured" : "measured " + (round + 1),
          1 + round * total,
          total,
          perSecond);
    }
  }

  // ---- setup

  private void seed() {
    LinkedBenchIssues.seed(github, REPO, issues);
  }

  private void writeLinkedFiles() throws Exception {
    LinkedBenchIssues.writeFiles(folder, issues);
  }

  private static String id(int k) {
    return LinkedBenchIssues.id(k);
  }

  private Path file(int k) {
    return LinkedBenchIssues.file(folder, k);
  }

  private void startService() {
    var settings =
        SettingsLoader.load(
            Map.of(
                "ROADMAP_DIR",
                folder.resolve(".roadmap").toString(),
                "ROADMAP_SYNC_DATA_DIR",
                folder.resolve("data").toString(),
                "ROADMAP_SYNC_HTTP_PORT",
                "0",
                "GITHUB_TOKEN",
                TOKEN,
                "ROADMAP_GITHUB_API_URL",
                github.baseUrl(),
                "ROADMAP_GITHUB_REPO",
                REPO,
                "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
                "60",
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED",
                "true",
                "GITHUB_WEBHOOK_SECRET",
                SECRET),
            ConfigFactory.empty());
    service = RoadmapSyncService.start(settings);
    api = "http://127.0.0.1:" + service.address().getPort();
  }

  private void stop() throws Exception {
    if (service != null) {
      service
          .stop(CoordinatedShutdown.unknownReason())
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }
    github.stop();
  }

  // ---- measurements

  /** Switching auto-sync on starts a poll at once; switched off again, no second one follows. */
  private void pollOnce() throws Exception {
    // All synced can come before the start's poll run has routed its last issues; a switch during
    // that run starts none of its own, and the wait below would never end.
    waitFor(
        "the run under way",
        Duration.ofMinutes(10),
        () -> getQuietly("/api/sync").hasNonNull("finishedAt"));
    Instant start = Instant.now();
    call("PUT", "/api/auto-sync", "{\"enabled\":true}");
    call("PUT", "/api/auto-sync", "{\"enabled\":false}");
    waitFor(
        "the poll run",
        Duration.ofMinutes(10),
        () -> {
          JsonNode run = getQuietly("/api/sync");
          return run.hasNonNull("finishedAt")
              && Instant.parse(run.path("startedAt").asText()).isAfter(start);
        });
    System.out.println("  run: " + get("/api/sync"));
  }

  /**
   * Posts {@code total} deliveries at {@code perSecond}, for issues {@code first}, {@code first +
   * 1}, ...
   */
  private void webhooks(String round, int first, int total, int perSecond) throws Exception {
    if (total <= 0) {
      return;
    }
    List<byte[]> bodies = new ArrayList<>();
    for (int k = first; k < first + total; k++) {
      github.control().editIssueAs("octocat", REPO, k, "{\"title\":\"Webhook " + k + "\"}");
      ObjectNode payload = JSON.createObjectNode().put("action", "edited");
      payload.set("issue", JSON.valueToTree(github.control().issue(REPO, k)));
      payload.putObject("repository").put("id", 1).put("name", "repo").put("full_name", REPO);
      payload.putObject("sender").put("login", "octocat").put("id", 2);
      bodies.add(JSON.writeValueAsBytes(payload));
    }
    Map<Integer, Instant> sentAt = new ConcurrentHashMap<>();
    long[] answerBySend = new long[total + 1];
    CountDownLatch answered = new CountDownLatch(total);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    long periodMicros = 1_000_000L / perSecond;
    int[] next = {0};
    JsonNode before = stats();
    // An operator's view while the deliveries flow: the issues in error, asked back to back.
    List<Long> apiAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService operator = Executors.newSingleThreadScheduledExecutor();
    operator.scheduleWithFixedDelay(
        () -> {
          long t = System.nanoTime();
          if (getQuietly("/api/issues?status=error").isArray()) {
            apiAnswers.add((System.nanoTime() - t) / 1_000_000);
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    timer.scheduleAtFixedRate(
        () -> {
          int k = ++next[0];
          if (k > total) {
            return;
          }
          byte[] body = bodies.get(k - 1);
          long t = System.nanoTime();
          sentAt.put(k, Instant.now());
          Http.get(system)
              .singleRequest(
                  HttpRequest.POST(api + "/webhooks/github")
                      .addHeader(RawHeader.create("X-GitHub-Event", "issues"))
                      .addHeader(
                          RawHeader.create("X-GitHub-Delivery", UUID.randomUUID().toString()))
                      .addHeader(
                          RawHeader.create(
                              "X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body)))
                      .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)))
              .whenComplete(
                  (r, e) -> {
                    answerBySend[k] = (System.nanoTime() - t) / 1_000_000;
                    if (e != null) {
                      System.out.println("  webhook " + k + " not delivered: " + e);
                    } else {
                      r.discardEntityBytes(system);
                      if (r.status().intValue() != 202) {
                        System.out.println("  unexpected answer " + r.status());
                      }
                    }
                    answered.countDown();
                  });
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    answered.await(total / perSecond + 120L, TimeUnit.SECONDS);
    timer.shutdownNow();
    operator.shutdownNow();
    double sending = (System.nanoTime() - start) / 1e9;
    // The file is written when its entity journals the pull, stamped with the same clock as sentAt.
    List<Integer> missing = new ArrayList<>();
    waitFor(
        "the files",
        Duration.ofSeconds(120),
        () -> {
          missing.clear();
          for (int k = 1; k <= total; k++) {
            int n = first + k - 1;
            try {
              if (!Files.readString(file(n)).contains("\ntitle: Webhook " + n + "\n")) {
                missing.add(n);
              }
            } catch (java.io.IOException e) {
              missing.add(n);
            }
          }
          return missing.isEmpty();
        },
        true);
    List<Long> latencies = new ArrayList<>();
    long[] fileBySend = new long[total + 1];
    for (int k = 1; k <= total; k++) {
      int n = first + k - 1;
      for (JsonNode h : get("/api/issues/" + id(n)).path("history")) {
        if (h.path("direction").asText().equals("pull")
            && h.at("/changes/title/to").asText().equals("Webhook " + n)) {
          fileBySend[k] =
              Duration.between(sentAt.get(k), Instant.parse(h.path("at").asText())).toNanos()
                  / 1_000;
          latencies.add(fileBySend[k]);
        }
      }
    }
    Collections.sort(latencies);
    // The journaled pull is stamped when the entity takes the write's answer, which waits for the
    // journal to take the round's first event: the file's own modification time says when it was
    // written (the kernel's clock ticks coarser, a few ms, so it errs early by up to a tick).
    List<Long> byModification = new ArrayList<>();
    for (int k = 1; k <= total; k++) {
      if (missing.contains(first + k - 1)) {
        continue; // the file of another round's write, or the seeded file
      }
      try {
        Instant modified = Files.getLastModifiedTime(file(first + k - 1)).toInstant();
        byModification.add(Duration.between(sentAt.get(k), modified).toNanos() / 1_000);
      } catch (java.io.IOException e) {
        // not written: counted among the missing above
      }
    }
    Collections.sort(byModification);
    System.out.println(
        "  webhook answered, p50 per second of sending (ms): "
            + perSecond(answerBySend, total, perSecond, 50, 1));
    System.out.println(
        "  delivery -> file, max per second of sending (ms): "
            + perSecond(fileBySend, total, perSecond, 100, 1000));
    List<Long> answers = new ArrayList<>();
    for (int k = 1; k <= total; k++) {
      answers.add(answerBySend[k]);
    }
    Collections.sort(answers);
    System.out.printf(
        "%n== %s: %d webhooks at %d/s (sent and answered in %.1f s): %s%n",
        round,
        total,
        perSecond,
        sending,
        missing.isEmpty()
            ? "every file written"
            : missing.size() + " files NOT written: " + missing);
    printMicros("delivery -> file written", latencies);
    printMicros("delivery -> file's modification time", byModification);
    System.out.printf(
        "  webhook answered:         p50 %d ms, p99 %d ms, max %d ms%n",
        pct(answers, 50),
        pct(answers, 99),
        answers.isEmpty() ? 0 : answers.get(answers.size() - 1));
    List<Long> apiSorted;
    synchronized (apiAnswers) {
      apiSorted = new ArrayList<>(apiAnswers);
    }
    Collections.sort(apiSorted);
    System.out.printf(
        "  GET /api/issues?status=error meanwhile: p50 %d ms, p99 %d ms, max %d ms (n=%d)%n",
        pct(apiSorted, 50),
        pct(apiSorted, 99),
        apiSorted.isEmpty() ? 0 : apiSorted.get(apiSorted.size() - 1),
        apiSorted.size());
    JsonNode after = stats();
    System.out.printf(
        "  GitHub requests meanwhile: %d (quota %d)%n",
        after.path("requests_total").asLong() - before.path("requests_total").asLong(),
        after.path("quota_spent").asLong() - before.path("quota_spent").asLong());
  }

  /**
   * The {@code p}th percentile of each second's values (indexes 1..total), divided by {@code unit}.
   */
  private static String perSecond(long[] byIndex, int total, int perSecond, int p, long unit) {
    StringBuilder line = new StringBuilder();
    for (int from = 1; from <= total; from += perSecond) {
      List<Long> second = new ArrayList<>();
      for (int k = from; k < Math.min(total + 1, from + perSecond); k++) {
        second.add(byIndex[k]);
      }
      Collections.sort(second);
      line.append(pct(second, p) / unit).append(' ');
    }
    return line.toString().trim();
  }

  /** {@code sorted} latencies in microseconds, as p50, p99 and max in milliseconds. */
  private static void printMicros(String what, List<Long> sorted) {
    System.out.printf(
        "  %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
        what,
        pct(sorted, 50) / 1000.0,
        pct(sorted, 99) / 1000.0,
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0,
        sorted.size());
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private void print(
      String what,
      long startNanos,
      java.util.function.Supplier<JsonNode> before,
      JsonNode after,
      String note) {
    JsonNode b = before.get();
    long requests = after.path("requests_total").asLong() - b.path("requests_total").asLong(0);
    long quota = after.path("quota_spent").asLong() - b.path("quota_spent").asLong(0);
    long notModified = after.path("not_modified").asLong() - b.path("not_modified").asLong(0);
    System.out.printf(
        "%n== %s: %.1f s, %d GitHub requests (%d answered 304), %d quota%n",
        what, (System.nanoTime() - startNanos) / 1e9, requests, notModified, quota);
    List<String> routes = new ArrayList<>();
    after
        .path("requests")
        .fields()
        .forEachRemaining(
            e -> {
              long n = e.getValue().asLong() - b.path("requests").path(e.getKey()).asLong(0);
              if (n > 0) {
                routes.add(e.getKey() + ": " + n);
              }
            });
    System.out.println("  by route: " + routes);
  }

  private JsonNode stats() {
    return JSON.valueToTree(github.control().stats());
  }

  private long count(String status) {
    try {
      return get("/api/issues?status=" + status).size();
    } catch (Exception e) {
      return 0;
    }
  }

  private JsonNode getQuietly(String path) {
    try {
      return get(path);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  private JsonNode get(String path) throws Exception {
    return call("GET", path, null);
  }

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.create(api + path).withMethod(HttpMethods.lookup(method).get());
    if (body != null) {
      request = request.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }
    var response =
        Http.get(system).singleRequest(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
    String text =
        response
            .entity()
            .toStrict(30_000, system)
            .toCompletableFuture()
            .get()
            .getData()
            .utf8String();
    return JSON.readTree(text);
  }

  private static void waitFor(String what, Duration limit, BooleanSupplier done)
      throws InterruptedException {
    waitFor(what, limit, done, false);
  }

  private static void waitFor(
      String what, Duration limit, BooleanSupplier done, boolean giveUpQuietly)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        if (giveUpQuietly) {
          return;
        }
        throw new IllegalStateException("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
