package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.git.GitCli;
import org.roadmapsync.github.WebhookSignatureVerifier;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimSettings;

/**
 * Three nodes of one cluster, each its own JVM, sharing a PostgreSQL database, a git remote (a bare
 * repository a teammate pushes to) and the GitHub simulator. Edits pushed by the teammate and
 * fetched on whichever node is asked reach GitHub once each; when the node running the singletons
 * (governor, pollers, the clone's actor) is killed with SIGKILL in the middle of a sync, another
 * node takes them over and finishes the work; when the next owner leaves on SIGTERM, the last node
 * takes over the same way: no issue is created twice, no edit is lost.
 */
class ClusterEndToEndTest {

  private static final String TOKEN = "ghp_cluster_test";
  private static final String REPO = "team/roadmap";
  private static final String SECRET = "cluster-secret";
  private static final int ISSUES = 6;
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration TAKEOVER = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final ActorTestKit testKit =
      ActorTestKit.create("cluster-sim", ConfigFactory.load());

  @TempDir static Path folder;
  static PostgresDatabase database;
  static GitHubSimulator github;
  static GitCli git;
  static Path bare;
  static Path teammate;
  static final List<Node> nodes = new ArrayList<>();
  static String seeds;

  /** A node: its process, its admin API, and the remoting port that names it in the cluster. */
  record Node(int index, int port, ServiceProcess process, String api) {}

  @BeforeAll
  static void start() throws Exception {
    database = PostgresDatabase.create();
    github = GitHubSimulator.start(testKit.system(), SimSettings.defaults(TOKEN, REPO));
    git = new GitCli(folder.resolve("home"));
    Files.createDirectories(folder.resolve("team"));
    teammate = folder.resolve("teammate");
    List<String[]> files = new ArrayList<>();
    for (int i = 1; i <= ISSUES; i++) {
      files.add(new String[] {path(id(i)), GitCli.issue(id(i), title(i, 0), "high")});
    }
    bare = git.bareWith(folder.resolve("team/roadmap.git"), teammate, files);
    int[] ports = {freePort(), freePort(), freePort()};
    seeds =
        java.util.Arrays.stream(ports)
            .mapToObj(p -> "127.0.0.1:" + p)
            .collect(Collectors.joining(","));
    // one after the other: three JVMs starting at once on two cores miss each other's heartbeats
    for (int i = 0; i < ports.length; i++) {
      Path work = Files.createDirectories(folder.resolve("node-" + i));
      var process = ServiceProcess.start(work, env(work, ports[i], seeds), "serve");
      nodes.add(new Node(i, ports[i], process, process.awaitListening(START)));
    }
    eventually(
        START,
        () -> {
          for (Node node : nodes) {
            assertEquals(200, status(node.api() + "/alive"), "node " + node.index() + " alive");
            assertEquals(200, status(node.api() + "/ready"), "node " + node.index() + " ready");
            assertThat(cluster(node).path("members").size()).isEqualTo(3);
            assertEquals(200, status(node.api() + "/health"), "node " + node.index() + " UP");
          }
        });
  }

  @AfterAll
  static void stop() throws IOException {
    // each node's log, for the reader of a failure
    for (Node node : nodes) {
      Path log = Path.of("target", "cluster-node-" + node.index() + ".log").toAbsolutePath();
      Files.writeString(log, node.process().output());
      System.out.println("node " + node.index() + " log: " + log);
    }
    nodes.forEach(node -> node.process().close());
    if (github != null) {
      github.stop();
    }
    testKit.shutdownTestKit();
    if (database != null) {
      database.close();
    }
  }

  private static Map<String, String> env(Path work, int port, String seeds) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_GIT_REMOTE", bare.toString());
    env.put("ROADMAP_SYNC_DATA_DIR", work.resolve("data").toString());
    env.put("ROADMAP_SYNC_HTTP_PORT", "0");
    env.put("ROADMAP_SYNC_DB_URL", database.url());
    env.put("ROADMAP_SYNC_DB_USER", PostgresDatabase.USER);
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("ROADMAP_GITHUB_API_URL", github.baseUrl());
    env.put("ROADMAP_GITHUB_REPO", REPO);
    env.put("GITHUB_WEBHOOK_SECRET", SECRET);
    // every fetch here is asked for (POST /api/sync) or is a new owner's first: deterministic
    env.put("ROADMAP_GITHUB_AUTO_SYNC_ENABLED", "false");
    env.put("ROADMAP_SYNC_CLUSTER_HOST", "127.0.0.1");
    env.put("ROADMAP_SYNC_CLUSTER_PORT", String.valueOf(port));
    env.put("ROADMAP_SYNC_CLUSTER_SEED_NODES", seeds);
    return env;
  }

  @Test
  void editsReachGitHubOnceEachThroughARollingRestartAndTheOwnersDeath() throws Exception {
    // published through every node in turn: the entities answer wherever they are asked
    Map<String, Long> numbers = new TreeMap<>();
    for (int i = 1; i <= ISSUES; i++) {
      Node via = nodes.get(i % nodes.size());
      String id = id(i);
      eventually(
          WAIT,
          () ->
              assertEquals(
                  "unlinked",
                  getJson(via.api() + "/api/issues/" + id).path("syncStatus").asText()));
      numbers.put(
          id, post(via.api() + "/api/issues/" + id + "/publish").path("githubIssue").asLong());
    }
    eventually(
        WAIT,
        () ->
            assertThat(remoteFile(path(id(ISSUES))))
                .contains("github_issue: " + numbers.get(id(ISSUES))));

    // the entities are spread over the nodes; their files are read and written on the clone's
    // node, through its roadmap desk. Each is asked for its state first: a shard the coordinator
    // moved to a node that joined later starts its entities there only when they are next asked.
    eventually(
        WAIT,
        () -> {
          for (String id : numbers.keySet()) {
            getJson(nodes.get(0).api() + "/api/issues/" + id);
          }
          JsonNode issues = cluster(nodes.get(0)).path("entities").path("issues");
          long hosting = 0;
          for (JsonNode count : issues) {
            hosting += count.asInt() > 0 ? 1 : 0;
          }
          assertThat(hosting).as(issues.toString()).isGreaterThan(1);
        });

    // round 1: the teammate's edits, fetched by whichever node is asked
    editAll(1, "rename everything");
    post(nodes.get(1).api() + "/api/sync");
    eventually(WAIT, () -> assertTitles(numbers, 1));

    // a GitHub edit whose webhook reaches a node that is not the owner: routed to the entity's
    // shard on the owner, written in its clone, committed and pushed
    Node owner = owner();
    Node other = nodes.stream().filter(n -> n != owner).findFirst().orElseThrow();
    long first = numbers.get(id(1));
    github.control().editIssueAs("octocat", REPO, (int) first, "{\"title\":\"From GitHub\"}");
    deliverIssueEdited(other, first);
    eventually(WAIT, () -> assertThat(remoteFile(path(id(1)))).contains("title: From GitHub"));

    // rounds 2-4, a rolling restart: before each node's SIGTERM the teammate pushes new titles and
    // another node is asked to sync them; the owner goes last, so its leave hands the singletons,
    // the shards and the clone over while that round's edits are on their way
    List<Node> order = new ArrayList<>(nodes.stream().filter(n -> n != owner).toList());
    order.add(owner);
    int round = 1;
    for (Node leaving : order) {
      round++;
      Node asked = nodes.stream().filter(n -> n != leaving).findFirst().orElseThrow();
      editAll(round, "rename everything before node " + leaving.index() + " restarts");
      post(asked.api() + "/api/sync");
      Instant terminated = Instant.now();
      leaving.process().terminate();
      assertEquals(0, leaving.process().awaitExit(WAIT), "a graceful leave exits 0");
      Node back = restart(leaving);
      Duration ready = Duration.between(terminated, Instant.now());
      int expected = round;
      eventually(WAIT, () -> assertTitles(numbers, expected));
      System.out.println(
          "cluster: rolling restart of node "
              + leaving.index()
              + (leaving == owner ? " (the owner)" : "")
              + ": ready again "
              + ready.toMillis()
              + " ms after its SIGTERM, every edit of the round on GitHub "
              + Duration.between(terminated, Instant.now()).toMillis()
              + " ms after it; the owner is now node "
              + owner(back).index());
    }

    // round 5: the edits are pushed, the owner is asked to sync them and dies right then
    Node doomed = owner();
    editAll(5, "rename everything once more");
    post(doomed.api() + "/api/sync");
    doomed.process().kill();
    Instant killed = Instant.now();
    List<Node> survivors = nodes.stream().filter(n -> n != doomed).toList();
    // resumed: another node runs the clone's actor, which fetched the remote after the kill
    var resumedOn = new Node[1];
    eventually(
        TAKEOVER,
        () -> {
          for (Node node : survivors) {
            String fetched = getJson(node.api() + "/api/git").path("lastFetchAt").asText();
            if (!fetched.equals("null") && Instant.parse(fetched).isAfter(killed)) {
              resumedOn[0] = node;
              return;
            }
          }
          throw new AssertionError("no survivor has fetched since the kill");
        });
    Duration resumed = Duration.between(killed, Instant.now());
    eventually(WAIT, () -> assertTitles(numbers, 5));
    Duration finished = Duration.between(killed, Instant.now());
    Node newOwner = owner(survivors.get(0));
    assertEquals(resumedOn[0], newOwner);
    System.out.println(
        "cluster: the owner (node "
            + doomed.index()
            + ") was killed; node "
            + newOwner.index()
            + " resumed its work "
            + resumed.toMillis()
            + " ms later and had every edit on GitHub "
            + finished.toMillis()
            + " ms after the kill");
    eventually(
        WAIT,
        () -> {
          JsonNode left = cluster(newOwner);
          assertThat(left.path("members").size()).as(left.toString()).isEqualTo(2);
          assertThat(left.path("unreachable").size()).as("the dead node downed").isZero();
        });

    // no duplicates: exactly the roadmap's issues on GitHub, each once
    List<JsonNode> issues = githubIssues();
    assertThat(issues).hasSize(ISSUES);
    assertThat(issues.stream().map(i -> i.path("number").asLong()).toList())
        .containsExactlyInAnyOrderElementsOf(numbers.values());
    // nothing lost, nothing twice: one PATCH per issue and round (a creation is a POST to the
    // repository, not counted here), through a rolling restart (the
    // owner's leave among them) and a kill
    JsonNode writes = JSON.valueToTree(github.control().stats()).path("writes_per_issue");
    for (long number : numbers.values()) {
      assertEquals(5, writes.path(REPO + "#" + number).asLong(), writes.toString());
    }
    // one budget for the cluster: the one governor kept every node within GitHub's secondary
    // limits (writes in flight, spacing, per minute), as the simulator counts them
    JsonNode stats = JSON.valueToTree(github.control().stats());
    System.out.println(
        "cluster: simulator "
            + stats.path("violations")
            + ", "
            + stats.path("requests_total")
            + " requests");
    stats
        .path("violations")
        .fields()
        .forEachRemaining(v -> assertEquals(0, v.getValue().asLong(), v.getKey()));

    // the whole service stopped at once, as an init system stops a machine's units: every node
    // leaves and exits 0, none waits for a member that has gone too
    survivors.forEach(node -> node.process().terminate());
    for (Node node : survivors) {
      assertEquals(0, node.process().awaitExit(WAIT), "node " + node.index() + " exits 0");
    }
  }

  /**
   * GitHub's signed {@code issues.edited} delivery of issue {@code number}, posted to {@code node}.
   */
  private static void deliverIssueEdited(Node node, long number) throws Exception {
    var payload = JSON.createObjectNode().put("action", "edited");
    payload.set("issue", github.control().issue(REPO, (int) number));
    payload.putObject("repository").put("id", 1).put("name", "roadmap").put("full_name", REPO);
    payload.putObject("sender").put("login", "octocat").put("id", 2);
    byte[] body = JSON.writeValueAsBytes(payload);
    send(
        HttpRequest.newBuilder(URI.create(node.api() + "/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "issues")
            .header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        202);
  }

  /** Starts a stopped node again on its folder and port; the node, once back in the cluster. */
  private static Node restart(Node stopped) throws Exception {
    Files.writeString(
        Path.of("target", "cluster-node-" + stopped.index() + "-before-restart.log"),
        stopped.process().output());
    Path work = folder.resolve("node-" + stopped.index());
    var process = ServiceProcess.start(work, env(work, stopped.port(), seeds), "serve");
    Node back = new Node(stopped.index(), stopped.port(), process, process.awaitListening(START));
    nodes.set(stopped.index(), back);
    eventually(
        START,
        () -> {
          assertEquals(200, status(back.api() + "/ready"), "node " + back.index() + " ready");
          assertThat(cluster(back).path("members").size()).isEqualTo(3);
        });
    return back;
  }

  private static void editAll(int round, String message) throws IOException {
    git.pull(teammate);
    for (int i = 1; i <= ISSUES; i++) {
      Path file = teammate.resolve(path(id(i)));
      String text = Files.readString(file);
      Files.writeString(file, text.replaceFirst("(?m)^title: .*$", "title: " + title(i, round)));
    }
    git.commitAndPush(teammate, message);
  }

  private static void assertTitles(Map<String, Long> numbers, int round) throws Exception {
    Map<Long, String> titles =
        githubIssues().stream()
            .collect(
                Collectors.toMap(i -> i.path("number").asLong(), i -> i.path("title").asText()));
    for (int i = 1; i <= ISSUES; i++) {
      assertEquals(title(i, round), titles.get(numbers.get(id(i))), id(i));
    }
  }

  /** The node the singletons (and so the shards and the clone's actor) run on, as nodes see it. */
  private static Node owner() throws Exception {
    return owner(nodes.get(0));
  }

  private static Node owner(Node asked) throws Exception {
    var found = new Node[1];
    eventually(
        WAIT,
        () -> {
          JsonNode cluster = cluster(asked);
          assertThat(cluster.path("unreachable").size()).isZero();
          String host = cluster.path("singletons").path("github-governor").asText();
          found[0] =
              nodes.stream()
                  .filter(n -> host.endsWith(":" + n.port()))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no node at " + host));
        });
    return found[0];
  }

  private static JsonNode cluster(Node node) throws Exception {
    // whatever the status: a node's own trouble must not hide the cluster's view
    return JSON.readTree(
            send(HttpRequest.newBuilder(URI.create(node.api() + "/health")).GET().build(), -2))
        .path("infrastructure")
        .path("cluster");
  }

  private static List<JsonNode> githubIssues() throws Exception {
    JsonNode page =
        JSON.readTree(
            send(
                HttpRequest.newBuilder(
                        URI.create(
                            github.baseUrl() + "/repos/" + REPO + "/issues?state=all&per_page=100"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .GET()
                    .build(),
                200));
    List<JsonNode> issues = new ArrayList<>();
    page.forEach(issues::add);
    return issues;
  }

  private static String remoteFile(String path) {
    try {
      Process show =
          new ProcessBuilder("git", "--git-dir", bare.toString(), "show", "main:" + path)
              .redirectErrorStream(true)
              .start();
      String text = new String(show.getInputStream().readAllBytes());
      show.waitFor(10, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static JsonNode getJson(String url) throws Exception {
    return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url)).GET().build(), 200));
  }

  private static JsonNode post(String url) throws Exception {
    String body =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            -1);
    return JSON.readTree(body.isBlank() ? "{}" : body);
  }

  private static int status(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The body; with {@code expected} of -1 any 2xx will do, with -2 any status. */
  private static String send(HttpRequest request, int expected) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (expected == -2) {
      return response.body();
    }
    if (expected == -1) {
      assertThat(response.statusCode())
          .as(request.uri() + ": " + response.body())
          .isBetween(200, 299);
    } else {
      assertEquals(expected, response.statusCode(), request.uri() + ": " + response.body());
    }
    return response.body();
  }

  private static String id(int i) {
    return "clu" + String.format("%03d", i);
  }

  private static String path(String id) {
    return GitCli.ROADMAP + id + "-issue.md";
  }

  private static String title(int i, int round) {
    return "Issue " + i + (round == 0 ? "" : " in round " + round);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} until it passes or the deadline is over; then its last failure. */
  private static void eventually(Duration timeout, Check check) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        check.run();
        return;
      } catch (Exception | AssertionError e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      // polling interval of a deadline loop, not a synchronisation
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
