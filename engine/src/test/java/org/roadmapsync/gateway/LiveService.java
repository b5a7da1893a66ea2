package org.roadmapsync.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/** The service against the simulator and a roadmap folder in a temp dir, over real HTTP, for this package's end-to-end tests. */
final class LiveService implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();

  final ActorTestKit testKit;
  final GitHubSimulator github;
  final RoadmapSyncService service;
  final Path folder;
  final String repo;
  final String api;

  /** An HTTP answer: status and body text. */
  record Answer(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  LiveService(ActorTestKit testKit, Path folder, String token, String repo, Map<String, String> env, String... issueIds) {
    this(testKit, folder, token, repo, env, live -> {}, issueIds);
  }

  /** {@code prepare} runs once the simulator and the files are there, before the service starts. */
  LiveService(
      ActorTestKit testKit, Path folder, String token, String repo, Map<String, String> env, Consumer<LiveService> prepare,
      String... issueIds) {
    this.testKit = testKit;
    this.folder = folder;
    this.repo = repo;
    this.github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(token, repo));
    try {
      Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
      for (String id : issueIds) {
        Files.writeString(
            file(id),
            "---\nid: " + id + "\ntitle: Issue " + id + "\npriority: high\nstatus: todo\nissue_type: feature\n"
                + "milestone: null\nlabels:\n- live\nassignee: null\ncreated: '2026-01-02T10:00:00.000000+00:00'\n"
                + "updated: '2026-01-02T10:00:00.000000+00:00'\n---\n\nThe body of " + id + ".\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prepare.accept(this);
    Map<String, String> all = new HashMap<>(env);
    all.putAll(
        Map.of(
            "ROADMAP_DIR", folder.resolve(".roadmap").toString(),
            "ROADMAP_SYNC_DATA_DIR", folder.resolve("data").toString(),
            "ROADMAP_SYNC_HTTP_PORT", "0",
            "GITHUB_TOKEN", token,
            "ROADMAP_GITHUB_API_URL", github.baseUrl(),
            "ROADMAP_GITHUB_REPO", repo));
    this.service = RoadmapSyncService.start(SettingsLoader.load(all, ConfigFactory.empty()));
    this.api = "http://127.0.0.1:" + service.address().getPort();
  }

  @Override
  public void close() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
    github.stop();
  }

  Path file(String id) {
    return folder.resolve(".roadmap/issues/backlog/" + id + "-issue.md");
  }

  void editLine(String id, String key, String value) {
    try {
      String text = Files.readString(file(id));
      Files.writeString(file(id), text.replaceFirst("(?m)^" + key + ": .*$", key + ": " + value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer call(HttpRequest request) {
    try {
      HttpResponse response = Http.get(testKit.system()).singleRequest(request).toCompletableFuture().get();
      String body = response.entity().toStrict(5_000, testKit.system()).toCompletableFuture().get().getData().utf8String();
      return new Answer(response.status().intValue(), response.entity().getContentType().toString(), body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Answer get(String path) {
    return call(HttpRequest.GET(api + path));
  }

  JsonNode getJson(String path) {
    Answer answer = get(path);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  JsonNode post(String path, int expectedStatus) {
    Answer answer =
        call(HttpRequest.create(api + path).withMethod(HttpMethods.POST).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{}")));
    assertEquals(expectedStatus, answer.status(), answer.body());
    return answer.json();
  }

  JsonNode githubIssue(long number) {
    return JSON.valueToTree(github.control().issue(repo, (int) number));
  }

  String syncStatus(String id) {
    return getJson("/api/issues/" + id).path("syncStatus").asText();
  }

  /** Publishes an unlinked issue and waits until it is synced; answers its GitHub number. */
  long publish(String id) {
    eventually(() -> assertEquals("unlinked", syncStatus(id)));
    long number = post("/api/issues/" + id + "/publish", 200).path("githubIssue").asLong();
    eventually(() -> assertEquals("synced", syncStatus(id)));
    return number;
  }

  void eventually(Runnable check) {
    testKit.createTestProbe().awaitAssert(WAIT, () -> {
      check.run();
      return null;
    });
  }

  <T> T eventually(Supplier<T> value) {
    return testKit.createTestProbe().awaitAssert(WAIT, value::get);
  }
}
