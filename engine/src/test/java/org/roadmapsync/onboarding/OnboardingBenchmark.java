package org.roadmapsync.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.github.Issue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;
import org.roadmapsync.sync.BodyMarker;
import org.roadmapsync.sync.FieldMapping;
import org.roadmapsync.sync.MappingSettings;

/**
 * Issue 15's proofs at their full sizes, each on a service of its own against the simulator over
 * HTTP, in real time and GitHub's published limits: an import of 500 GitHub issues (20 of them pull
 * requests), and the same again; continuous import by label, webhook to file, for 20 new issues; a
 * plan of 1,000 linked issues with edits on both sides; a bulk publish of 200 issues at 80 creates
 * a minute.
 *
 * <pre>./mvnw -q -pl engine -am test-compile exec:java -Dconnectors.benchmarks.skip=true
 *     -Dexec.mainClass=org.roadmapsync.onboarding.OnboardingBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * Optional arguments: which parts ({@code import,auto,plan,publish}, all by default).
 */
public final class OnboardingBenchmark {

  private static final Duration LONG = Duration.ofMinutes(20);

  private OnboardingBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> parts =
        args.length > 0
            ? List.of(args[0].split(","))
            : List.of("import", "auto", "plan", "publish");
    ActorTestKit testKit =
        ActorTestKit.create(
            "onboarding-benchmark",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    try {
      if (parts.contains("import")) {
        importing(testKit);
      }
      if (parts.contains("auto")) {
        autoImport(testKit);
      }
      if (parts.contains("plan")) {
        plan(testKit);
      }
      if (parts.contains("publish")) {
        publish(testKit);
      }
    } finally {
      testKit.shutdownTestKit();
    }
    System.exit(0);
  }

  private static Path temp(String name) throws IOException {
    return Files.createTempDirectory("onboarding-benchmark-" + name);
  }

  private static <T> T await(ActorTestKit testKit, Duration max, Supplier<T> check) {
    return testKit.createTestProbe().awaitAssert(max, Duration.ofMillis(20), check::get);
  }

  private static JsonNode progress(LiveService live, String path, String repo) {
    JsonNode answer = live.getJson(path);
    if (!answer.isArray()) {
      return answer;
    }
    for (JsonNode run : answer) {
      if (run.path("repo").asText().equals(repo)) {
        return run;
      }
    }
    throw new AssertionError("no progress for " + repo);
  }

  private static long requests(GitHubSimulator github) {
    return github.control().stats().path("requests_total").asLong();
  }

  private static long quota(GitHubSimulator github) {
    return github.control().stats().path("quota_spent").asLong();
  }

  // ---- import of 500

  private static void importing(ActorTestKit testKit) throws Exception {
    String repo = "bench/import";
    String token = "bench-import";
    try (LiveService live =
        new LiveService(
            testKit,
            temp("import"),
            SimSettings.defaults(token, repo),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"))) {
      GitHubSeed.issues(live.github, repo, 480);
      GitHubSeed.pullRequests(live.github, testKit.system(), token, repo, 20);
      long requests = requests(live.github);
      long quota = quota(live.github);
      long writes = GitHubSeed.writes(live.github);
      long started = System.nanoTime();
      JsonNode plan = live.post("/api/import", "{\"state\":\"all\"}").json();
      double answered = (System.nanoTime() - started) / 1e9;
      await(
          testKit,
          LONG,
          () -> {
            JsonNode p = progress(live, "/api/import", repo);
            if (!p.path("state").asText().equals("finished")) {
              throw new AssertionError(p.toString());
            }
            return p;
          });
      double seconds = (System.nanoTime() - started) / 1e9;
      await(
          testKit,
          LONG,
          () -> {
            int synced = live.getJson("/api/issues?status=synced").size();
            if (synced != 480) {
              throw new AssertionError(synced + " synced");
            }
            return synced;
          });
      long importRequests = requests(live.github) - requests;
      long importQuota = quota(live.github) - quota;
      long importWrites = GitHubSeed.writes(live.github) - writes;
      RoadmapStore store = RoadmapStore.open(live.folder.resolve(".roadmap"));
      FieldMapping mapping = new FieldMapping(MappingSettings.defaults());
      var files = GitHubSeed.filesByNumber(store);
      int equal = 0;
      for (Issue issue : GitHubSeed.all(testKit.system(), live.github, token, repo)) {
        if (!issue.isPullRequest()
            && files.containsKey(issue.number())
            && mapping.fromRoadmap(files.get(issue.number())).equals(mapping.fromGitHub(issue))) {
          equal++;
        }
      }
      System.out.printf(
          "import of 500 (20 pull requests): answered in %.2f s (%d to create); %d files in %.1f s"
              + " (%.0f files/s); %d read back equal; GitHub: %d requests, %d quota, %d writes%n",
          answered,
          plan.path("create").size(),
          files.size(),
          seconds,
          files.size() / seconds,
          equal,
          importRequests,
          importQuota,
          importWrites);
      long again = System.nanoTime();
      JsonNode second = live.post("/api/import", "{\"state\":\"all\"}").json();
      System.out.printf(
          "second import: %d to create, %d linked, answered in %.2f s%n",
          second.path("create").size(),
          second.path("linked").asInt(),
          (System.nanoTime() - again) / 1e9);
    }
  }

  // ---- continuous import by label, webhook → file

  private static void autoImport(ActorTestKit testKit) throws Exception {
    String repo = "bench/auto";
    String secret = "bench-secret";
    Path folder = temp("auto");
    try (LiveService live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("bench-auto", repo),
            ConfigFactory.empty(),
            Map.of(
                "ROADMAP_GITHUB_AUTO_IMPORT", "label:roadmap",
                "GITHUB_WEBHOOK_SECRET", secret,
                "ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"))) {
      live.github
          .control()
          .setWebhook(
              Optional.of(
                  SimSettings.WebhookTarget.reliable(live.api + "/webhooks/github", secret)));
      List<Double> millis = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        ObjectNode fields =
            GitHubSeed.JSON.createObjectNode().put("title", "Webhook " + i).put("body", "b");
        fields.putArray("labels").add("roadmap");
        long started = System.nanoTime();
        long number =
            live.github.control().createIssueAs("alice", repo, fields).path("number").asLong();
        await(
            testKit,
            Duration.ofSeconds(30),
            () -> {
              if (!GitHubSeed.numbersInFiles(folder.resolve(".roadmap")).containsKey(number)) {
                throw new AssertionError("no file for #" + number);
              }
              return number;
            });
        millis.add((System.nanoTime() - started) / 1e6);
      }
      List<Double> warm = new ArrayList<>(millis.subList(1, millis.size()));
      Collections.sort(warm);
      System.out.printf(
          "continuous import by label, issue created → file: first %.0f ms; of the next %d: p50"
              + " %.0f ms, max %.0f ms%n",
          millis.get(0), warm.size(), warm.get(warm.size() / 2), warm.get(warm.size() - 1));
    }
  }

  // ---- plan of 1,000

  private static void plan(ActorTestKit testKit) throws Exception {
    String repo = "bench/plan";
    Path folder = temp("plan");
    try (LiveService live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("bench-plan", repo),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES", "60"),
            service -> linked(service, repo, 1000))) {
      await(
          testKit,
          LONG,
          () -> {
            int synced = live.getJson("/api/issues?status=synced").size();
            if (synced != 1000) {
              throw new AssertionError(synced + " synced");
            }
            return synced;
          });
      live.restart(
          Map.of("ROADMAP_SYNC_READ_ONLY", "true", "ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"));
      for (int i = 1; i <= 50; i++) {
        live.setFrontMatter(id(i), "title", "Edited locally " + i);
        live.github
            .control()
            .editIssueAs("alice", repo, 500 + i, "{\"body\":\"Edited on GitHub " + i + "\"}");
      }
      Map<String, String> before = roadmapFiles(folder);
      long writes = GitHubSeed.writes(live.github);
      for (int run = 1; run <= 3; run++) {
        long requests = requests(live.github);
        long quota = quota(live.github);
        long started = System.nanoTime();
        JsonNode plan = live.getJson("/api/plan");
        System.out.printf(
            "plan of %d issues (run %d): %.2f s, summary %s; GitHub: %d requests, %d quota%n",
            plan.path("issues").size(),
            run,
            (System.nanoTime() - started) / 1e9,
            plan.path("summary"),
            requests(live.github) - requests,
            quota(live.github) - quota);
      }
      System.out.printf(
          "plan wrote: %d GitHub writes, roadmap folder %s%n",
          GitHubSeed.writes(live.github) - writes,
          before.equals(roadmapFiles(folder)) ? "unchanged (every byte)" : "CHANGED");
    }
  }

  private static String id(int i) {
    return String.format("bench%04d", i);
  }

  private static void linked(LiveService service, String repo, int count) {
    ObjectNode seed = GitHubSeed.JSON.createObjectNode().put("repo", repo);
    ArrayNode issues = seed.putArray("issues");
    for (int i = 1; i <= count; i++) {
      issues
          .addObject()
          .put("title", "Issue " + id(i))
          .put("body", "The body of " + id(i) + ".")
          .putArray("labels")
          .add("live")
          .add("priority:high")
          .add("type:feature");
    }
    service.github.control().seed(seed);
    try {
      for (int i = 1; i <= count; i++) {
        Files.writeString(
            service.file(id(i)),
            LiveService.issueText(id(i), "null")
                .replace("assignee: null", "assignee: null\ngithub_issue: " + i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of every file under {@code .roadmap/}, by path. */
  private static Map<String, String> roadmapFiles(Path folder) throws Exception {
    Map<String, String> files = new HashMap<>();
    try (var walk = Files.walk(folder.resolve(".roadmap"))) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            file.toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return files;
  }

  // ---- bulk publish of 200 at GitHub's limits

  private static void publish(ActorTestKit testKit) throws Exception {
    String repo = "bench/publish";
    String token = "bench-publish";
    try (LiveService live =
        new LiveService(
            testKit,
            temp("publish"),
            SimSettings.defaults(token, repo),
            ConfigFactory.empty(),
            Map.of("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false"),
            service -> {
              try {
                for (int i = 1; i <= 200; i++) {
                  Files.writeString(
                      service.file(id(i)),
                      LiveService.issueText(id(i), i % 4 == 0 ? "null" : "M" + (i % 4)));
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })) {
      await(
          testKit,
          LONG,
          () -> {
            int unlinked = live.getJson("/api/issues?status=unlinked").size();
            if (unlinked != 200) {
              throw new AssertionError(unlinked + " unlinked");
            }
            return unlinked;
          });
      long writes = GitHubSeed.writes(live.github);
      long started = System.nanoTime();
      live.post("/api/publish", "{}");
      JsonNode done =
          await(
              testKit,
              LONG,
              () -> {
                JsonNode p = live.getJson("/api/publish");
                if (!p.path("state").asText().equals("finished")) {
                  throw new AssertionError(p.toString());
                }
                return p;
              });
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Integer> markers = new HashMap<>();
      for (Issue issue : GitHubSeed.all(testKit.system(), live.github, token, repo)) {
        BodyMarker.markedId(issue.body()).ifPresent(m -> markers.merge(m, 1, Integer::sum));
      }
      long duplicates = markers.values().stream().filter(n -> n > 1).count();
      long madeWrites = GitHubSeed.writes(live.github) - writes;
      System.out.printf(
          "bulk publish of 200: %d published, %d failed in %.1f s (%.1f creates/min; %d writes"
              + " in all, milestones included); GitHub issues %d, duplicates %d; violations %s%n",
          done.path("done").asInt(),
          done.path("failed").asInt(),
          seconds,
          done.path("done").asInt() / (seconds / 60),
          madeWrites,
          markers.size(),
          duplicates,
          live.github.control().stats().path("violations"));
    }
  }
}
