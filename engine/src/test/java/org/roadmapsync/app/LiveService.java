package org.roadmapsync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * The service against the simulator and a roadmap folder in a temp dir, over real HTTP, for the
 * end-to-end tests (this package's and {@code pulls}'). The service can be stopped and started
 * again on the same folder and database ({@link #restart}); the simulator lives on.
 */
public final class LiveService implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(20);
  public static final ObjectMapper JSON = new ObjectMapper();

  public final ActorTestKit testKit;
  public final GitHubSimulator github;
  RoadmapSyncService service;

  /** The service running now (a new one after each restart). */
  public RoadmapSyncService service() {
    return service;
  }

  public final Path folder;
  public final String repo;
  public String api;
  private Map<String, String> env;
  private final Config hocon;
  private final String token;

  /** An HTTP answer: status and body text. */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public LiveService(
      ActorTestKit testKit,
      Path folder,
      String token,
      String repo,
      Map<String, String> env,
      String... issueIds) {
    this(testKit, folder, token, repo, env, live -> {}, issueIds);
  }

  /** {@code prepare} runs once the simulator and the files are there, before the service starts. */
  public LiveService(
      ActorTestKit testKit,
      Path folder,
      String token,
      String repo,
      Map<String, String> env,
      Consumer<LiveService> prepare,
      String... issueIds) {
    this(
        testKit,
        folder,
        SimSettings.defaults(token, repo),
        ConfigFactory.empty(),
        env,
        prepare,
        issueIds);
  }

  /**
   * @param sim the simulator's settings: its first repository is the service's default, its token
   *     the service's
   * @param hocon settings only HOCON has (e.g. {@code roadmap-sync.github.milestone-repos})
   */
  public LiveService(
      ActorTestKit testKit,
      Path folder,
      SimSettings sim,
      Config hocon,
      Map<String, String> env,
      String... issueIds) {
    this(testKit, folder, sim, hocon, env, live -> {}, issueIds);
  }

  /**
   * The whole set: {@code prepare} runs once the simulator and the files are there, before the
   * service starts.
   */
  public LiveService(
      ActorTestKit testKit,
      Path folder,
      SimSettings sim,
      Config hocon,
      Map<String, String> env,
      Consumer<LiveService> prepare,
      String... issueIds) {
    this.token = sim.token();
    this.testKit = testKit;
    this.folder = folder;
    this.repo = sim.repos().get(0);
    this.hocon = hocon;
    this.github = GitHubSimulator.start(testKit.system(), sim);
    try {
      Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
      for (String id : issueIds) {
        Files.writeString(file(id), issueText(id, "null"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prepare.accept(this);
    Map<String, String> all = new HashMap<>();
    all.putAll(
        Map.of(
            "ROADMAP_DIR",
            folder.resolve(".roadmap").toString(),
            "ROADMAP_SYNC_DATA_DIR",
            folder.resolve("data").toString(),
            "ROADMAP_SYNC_HTTP_PORT",
            "0",
            "GITHUB_TOKEN",
            token,
            "ROADMAP_GITHUB_API_URL",
            github.baseUrl(),
            "ROADMAP_GITHUB_REPO",
            repo));
    all.putAll(env); // a test's own values win, e.g. a fixed port
    this.env = Map.copyOf(all);
    startService();
  }

  private void startService() {
    this.service = RoadmapSyncService.start(SettingsLoader.load(env, hocon));
    this.api = "http://127.0.0.1:" + service.address().getPort();
  }

  /**
   * Stops the service and starts it again on the same folder and data: what it had not journaled is
   * lost, as in a crash.
   */
  public void restart() {
    restart(() -> {});
  }

  /** As {@link #restart()}, with {@code whileStopped} run between the stop and the start. */
  public void restart(Runnable whileStopped) {
    stopService();
    whileStopped.run();
    startService();
  }

  /**
   * Stops the service only: the simulator, the folder and the data stay, and GitHub's webhooks to
   * the service fail until {@link #startOnTheSamePort}.
   */
  public void stopService() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
  }

  /**
   * Starts the stopped service again, on the port it had, so that a webhook pointing at it reaches
   * it again.
   */
  public void startOnTheSamePort() {
    Map<String, String> samePort = new HashMap<>(env);
    samePort.put("ROADMAP_SYNC_HTTP_PORT", Integer.toString(service.address().getPort()));
    env = Map.copyOf(samePort);
    // the freed port is in the ephemeral range: an outgoing connection may hold it for a while
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try {
        startService();
        return;
      } catch (ServiceStartException e) {
        if (!portTaken(e) || Instant.now().isAfter(deadline)) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      }
    }
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException
          || String.valueOf(cause.getMessage()).contains("Bind failed")) {
        return true;
      }
    }
    return false;
  }

  /** {@code POST /webhooks/github} of the service, for the simulator's webhook target. */
  public String webhookUrl() {
    return api + "/webhooks/github";
  }

  /** As {@link #restart()}, with these variables set (or changed) from now on. */
  public void restart(Map<String, String> changed) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(changed);
    env = Map.copyOf(all);
    restart();
  }

  @Override
  public void close() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    github.stop();
  }

  /**
   * A roadmap issue file as the service's tests write it: title "Issue <id>", labels [live], in
   * {@code milestone}.
   */
  public static String issueText(String id, String milestone) {
    return "---\nid: "
        + id
        + "\ntitle: Issue "
        + id
        + "\npriority: high\nstatus: todo\nissue_type: feature\n"
        + "milestone: "
        + milestone
        + "\nlabels:\n- live\nassignee: null\ncreated: '2026-01-02T10:00:00.000000+00:00'\n"
        + "updated: '2026-01-02T10:00:00.000000+00:00'\n---\n\nThe body of "
        + id
        + ".\n";
  }

  /**
   * Makes GitHub issues #1, #2, ... for the files {@code ids} (as the files read through the field
   * mapping) and links each file to its issue; for {@code prepare}, before the service starts.
   */
  public void seedLinked(String... ids) {
    for (int k = 0; k < ids.length; k++) {
      setFrontMatter(ids[k], "github_issue", String.valueOf(k + 1));
    }
    github.control().seed(linkedSeed(repo, ids));
  }

  /**
   * The simulator's seed of issues #1, #2, ... of {@code repo}, each equal to the test file of
   * {@code ids}' id in that place ({@link #issueText}).
   */
  public static ObjectNode linkedSeed(String repo, String... ids) {
    ObjectNode seed = JSON.createObjectNode().put("repo", repo);
    ArrayNode labels = seed.putArray("labels");
    for (String label : new String[] {"live", "priority:high", "type:feature"}) {
      labels.addObject().put("name", label).put("color", "ededed").put("description", "");
    }
    ArrayNode issues = seed.putArray("issues");
    for (String id : ids) {
      ObjectNode issue =
          issues.addObject().put("title", "Issue " + id).put("body", "The body of " + id + ".");
      issue.putArray("labels").add("live").add("priority:high").add("type:feature");
    }
    return seed;
  }

  public Path file(String id) {
    return folder.resolve(".roadmap/issues/backlog/" + id + "-issue.md");
  }

  /**
   * Sets a front-matter key of the issue's file, adding it at the end of the front matter when it
   * is missing.
   */
  public void setFrontMatter(String id, String key, String value) {
    try {
      String text = Files.readString(file(id));
      String line = key + ": " + value;
      String changed =
          text.matches("(?s).*(?m:^" + java.util.regex.Pattern.quote(key) + ": ).*")
              ? text.replaceFirst(
                  "(?m)^" + java.util.regex.Pattern.quote(key) + ": .*$",
                  java.util.regex.Matcher.quoteReplacement(line))
              : text.replaceFirst(
                  "\n---\n", java.util.regex.Matcher.quoteReplacement("\n" + line + "\n---\n"));
      Files.writeString(file(id), changed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String fileText(String id) {
    try {
      return Files.readString(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Answer call(HttpRequest request) {
    try {
      HttpResponse response =
          Http.get(testKit.system()).singleRequest(request).toCompletableFuture().get();
      String body =
          response
              .entity()
              .toStrict(5_000, testKit.system())
              .toCompletableFuture()
              .get()
              .getData()
              .utf8String();
      return new Answer(
          response.status().intValue(), response.entity().getContentType().toString(), body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public Answer get(String path) {
    return call(HttpRequest.GET(api + path));
  }

  public JsonNode getJson(String path) {
    Answer answer = get(path);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  public JsonNode post(String path, int expectedStatus) {
    Answer answer = post(path, "{}");
    assertEquals(expectedStatus, answer.status(), answer.body());
    return answer.json();
  }

  /** POSTs {@code body} (JSON text) to the admin API. */
  public Answer post(String path, String body) {
    return call(
        HttpRequest.create(api + path)
            .withMethod(HttpMethods.POST)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
  }

  /** The simulated GitHub's API as the service's token sees it; asserts a 200. */
  public JsonNode githubGet(String path) {
    Answer answer =
        call(
            HttpRequest.GET(github.baseUrl() + path)
                .addHeader(RawHeader.create("Authorization", "token " + token)));
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  /** POSTs {@code body} (JSON text) to the simulated GitHub's API as the service's token. */
  public Answer githubPost(String path, String body) {
    return call(
        HttpRequest.POST(github.baseUrl() + path)
            .addHeader(RawHeader.create("Authorization", "token " + token))
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body)));
  }

  /** The notes of the issue's pull-request history entries, newest first. */
  public List<String> historyNotes(String id) {
    return historyNotes(id, "pull-request");
  }

  /** The notes of the issue's history entries of {@code direction}, newest first. */
  public List<String> historyNotes(String id, String direction) {
    List<String> notes = new ArrayList<>();
    getJson("/api/issues/" + id)
        .path("history")
        .forEach(
            h -> {
              if (h.path("direction").asText().equals(direction)) {
                notes.add(h.path("note").asText());
              }
            });
    return notes;
  }

  public JsonNode githubIssue(long number) {
    return JSON.valueToTree(github.control().issue(repo, (int) number));
  }

  public String syncStatus(String id) {
    return getJson("/api/issues/" + id).path("syncStatus").asText();
  }

  /** Publishes an unlinked issue and waits until it is synced; answers its GitHub number. */
  public long publish(String id) {
    eventually(
        () ->
            assertEquals(
                "unlinked", syncStatus(id), () -> getJson("/api/issues/" + id).toString()));
    long number = post("/api/issues/" + id + "/publish", 200).path("githubIssue").asLong();
    eventually(
        () ->
            assertEquals("synced", syncStatus(id), () -> getJson("/api/issues/" + id).toString()));
    return number;
  }

  public void eventually(Runnable check) {
    testKit
        .createTestProbe()
        .awaitAssert(
            WAIT,
            () -> {
              check.run();
              return null;
            });
  }

  public <T> T eventually(Supplier<T> value) {
    return testKit.createTestProbe().awaitAssert(WAIT, value::get);
  }
}
