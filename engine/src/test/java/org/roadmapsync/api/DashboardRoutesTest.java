package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.RoadmapSyncService;
import org.roadmapsync.config.SettingsLoader;

/**
 * The dashboard's routes over real HTTP, without a browser: the page and its files outside the
 * admin token, the page's 404 for a browser and JSON for everyone else, and the issue rows' {@code
 * url} and {@code file} with the optional search, sort and paging of {@code /api/issues}.
 */
class DashboardRoutesTest {

  private static final String ADMIN_TOKEN = "routes-admin-s3cret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path folder;
  static RoadmapSyncService service;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    Path roadmap = folder.resolve(".roadmap");
    Files.createDirectories(roadmap.resolve("issues/v1"));
    Files.createDirectories(roadmap.resolve("archive/issues/v0"));
    issue(roadmap.resolve("issues/v1/aaaa0001-first.md"), "aaaa0001", "Zebra crossing", "42");
    issue(roadmap.resolve("issues/v1/aaaa0002-second.md"), "aaaa0002", "apple pie", "null");
    issue(roadmap.resolve("issues/v1/aaaa0003.md"), "aaaa0003", "Mango #7", "null");
    issue(roadmap.resolve("archive/issues/v0/aaaa0004-old.md"), "aaaa0004", "Old one", "null");
    service =
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
                    "octo/routes",
                    "ROADMAP_SYNC_ADMIN_TOKEN",
                    ADMIN_TOKEN),
                ConfigFactory.empty()));
    base = "http://127.0.0.1:" + service.address().getPort();
  }

  private static void issue(Path file, String id, String title, String githubIssue)
      throws IOException {
    Files.writeString(
        file,
        "---\nid: "
            + id
            + "\ntitle: "
            + title
            + "\npriority: high\nstatus: todo\nissue_type: feature\nmilestone: null\nlabels: []\n"
            + "github_issue: "
            + githubIssue
            + "\n---\n\nBody.\n");
  }

  @AfterAll
  static void stop() {
    service.stop(CoordinatedShutdown.unknownReason()).toCompletableFuture().join();
  }

  private record Answer(int status, String type, String body, HttpResponse response) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Answer call(HttpRequest request) throws Exception {
    HttpResponse response =
        Http.get(service.system()).singleRequest(request).toCompletableFuture().get();
    String text =
        response
            .entity()
            .toStrict(5_000, service.system())
            .toCompletableFuture()
            .get()
            .getData()
            .utf8String();
    return new Answer(
        response.status().intValue(),
        response.entity().getContentType().toString(),
        text,
        response);
  }

  private static Answer get(String path, String... headers) throws Exception {
    HttpRequest request = HttpRequest.GET(base + path);
    for (int i = 0; i < headers.length; i += 2) {
      request = request.addHeader(RawHeader.create(headers[i], headers[i + 1]));
    }
    return call(request);
  }

  private static Answer api(String path) throws Exception {
    return get(path, "Authorization", "Bearer " + ADMIN_TOKEN);
  }

  @Test
  void thePageAndItsFilesAreServedWithoutTheToken() throws Exception {
    Answer page = get("/");
    assertEquals(200, page.status());
    assertThat(page.type()).startsWith("text/html");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\">");
    assertThat(page.response().getHeader("Content-Security-Policy").orElseThrow().value())
        .contains("default-src 'none'")
        .contains("script-src 'self'");
    for (String file :
        List.of(
            "app.js",
            "api.js",
            "dom.js",
            "dashboard.css",
            "icon.svg",
            "views/overview.js",
            "views/issues.js",
            "views/issue.js",
            "views/conflicts.js",
            "views/pulls.js",
            "views/notfound.js",
            "views/common.js")) {
      Answer asset = get("/dashboard/" + file);
      assertEquals(200, asset.status(), file);
      // nothing fetched from elsewhere (an SVG's namespace is a name, not a fetch)
      assertThat(asset.body().replace("http://www.w3.org/2000/svg", ""))
          .as(file)
          .doesNotContain("http://")
          .doesNotContain("https://");
    }
    assertThat(get("/dashboard/app.js").type()).contains("javascript");
    assertThat(get("/dashboard/dashboard.css").type()).startsWith("text/css");
    assertEquals(401, get("/api/issues").status(), "the API stays behind the token");
  }

  @Test
  void aBrowsersUnknownPathGetsThePageWith404AndEveryoneElseJson() throws Exception {
    Answer browser = get("/no/such/page", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertEquals(404, browser.status());
    assertThat(browser.type()).startsWith("text/html");
    assertThat(browser.body()).contains("/dashboard/app.js");

    Answer curl = get("/no/such/page", "Accept", "*/*");
    assertEquals(404, curl.status());
    assertEquals("application/json", curl.type());
    assertEquals("not_found", curl.json().path("error").asText());
    assertEquals(404, get("/dashboard/missing.js").status());
    assertEquals("application/json", get("/dashboard/missing.js").type());

    for (String path : List.of("/health/nope", "/metrics/nope", "/webhooks/nope", "/api/nope")) {
      Answer api = get(path, "Accept", "text/html");
      assertEquals("application/json", api.type(), path);
      assertThat(api.status()).as(path).isIn(401, 404);
    }
    Answer unknownApi =
        get("/api/nope", "Accept", "text/html", "Authorization", "Bearer " + ADMIN_TOKEN);
    assertEquals(404, unknownApi.status());
    assertEquals("application/json", unknownApi.type());

    // other methods: an unknown path stays a 404, the page's own path says which method it takes
    Answer post = call(HttpRequest.POST(base + "/no/such/page"));
    assertEquals(404, post.status());
    assertEquals("application/json", post.type());
    Answer postPage = call(HttpRequest.POST(base + "/"));
    assertEquals(405, postPage.status());
    assertEquals("GET", postPage.response().getHeader("Allow").orElseThrow().value());
  }

  @Test
  void theRowsSayWhereEachIssueIsAndTheUnparameterisedListKeepsItsShape() throws Exception {
    JsonNode rows =
        eventually(
            () -> {
              JsonNode r = api("/api/issues").json();
              assertEquals(4, r.size(), r.toString());
              return r;
            });
    assertThat(rows.isArray()).isTrue();
    JsonNode first = rows.get(0);
    assertEquals("aaaa0001", first.path("id").asText());
    assertEquals("https://github.com/octo/routes/issues/42", first.path("url").asText());
    assertEquals("issues/v1/aaaa0001-first.md", first.path("file").asText());
    assertEquals("issues/v1/aaaa0003.md", rows.get(2).path("file").asText());
    assertEquals("archive/issues/v0/aaaa0004-old.md", rows.get(3).path("file").asText());
    assertThat(rows.get(1).path("url").isNull()).isTrue();
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "title",
            "repo",
            "githubIssue",
            "syncStatus",
            "lastSyncAt",
            "lastSyncError",
            "pendingChanges",
            "url",
            "file");

    JsonNode detail = api("/api/issues/aaaa0001").json();
    assertEquals("issues/v1/aaaa0001-first.md", detail.path("file").asText());
    assertEquals("https://github.com/octo/routes/issues/42", detail.path("url").asText());
  }

  @Test
  void aPageSearchesSortsAndCountsEveryStatus() throws Exception {
    JsonNode page =
        eventually(
            () -> {
              JsonNode p = api("/api/issues?sort=title&limit=2").json();
              assertEquals(4, p.path("total").asInt(), p.toString());
              assertEquals(1, p.at("/counts/pending").asInt(), p.toString());
              return p;
            });
    assertEquals(4, page.path("total").asInt());
    assertEquals(0, page.path("offset").asInt());
    assertEquals(2, page.path("limit").asInt());
    assertEquals(
        List.of("aaaa0002", "aaaa0003"),
        page.path("issues").findValuesAsText("id"),
        "apple, Mango");
    assertEquals(3, page.at("/counts/unlinked").asInt());
    assertEquals(1, page.at("/counts/pending").asInt());
    assertEquals(0, page.at("/counts/conflict").asInt());

    JsonNode next = api("/api/issues?sort=title&order=desc&offset=1&limit=2").json();
    assertEquals(List.of("aaaa0004", "aaaa0003"), next.path("issues").findValuesAsText("id"));

    assertEquals(
        List.of("aaaa0001"),
        api("/api/issues?q=%2342").json().path("issues").findValuesAsText("id"),
        "#42 is the GitHub number");
    assertEquals(
        List.of("aaaa0003"),
        api("/api/issues?q=MANGO").json().path("issues").findValuesAsText("id"),
        "a part of the title, case ignored");
    assertEquals(
        List.of("aaaa0004"),
        api("/api/issues?q=aaaa0004").json().path("issues").findValuesAsText("id"));
    JsonNode pending = api("/api/issues?status=pending&limit=10").json();
    assertEquals(1, pending.path("total").asInt());
    assertEquals(3, pending.at("/counts/unlinked").asInt(), "counts ignore the filter");
    JsonNode countsOnly = api("/api/issues?limit=0").json();
    assertEquals(0, countsOnly.path("issues").size());
    assertEquals(4, countsOnly.path("total").asInt());
    assertEquals(page.path("counts"), countsOnly.path("counts"), "read from the counts alone");
    JsonNode unlinkedCount = api("/api/issues?status=unlinked&limit=0").json();
    assertEquals(3, unlinkedCount.path("total").asInt());
    assertEquals(0, unlinkedCount.path("limit").asInt());
    assertEquals(
        1,
        api("/api/issues?q=MANGO&limit=0").json().path("total").asInt(),
        "a search still reads the rows");

    for (String bad :
        List.of("sort=colour", "order=up", "offset=-1", "limit=1001", "limit=x", "status=happy")) {
      Answer refused = api("/api/issues?" + bad);
      assertEquals(400, refused.status(), bad);
      assertThat(refused.json().path("detail").asText()).as(bad).contains(bad.split("=")[0]);
    }
  }

  @Test
  void gitHubsWebAddressFollowsItsApiAddress() {
    assertEquals(
        "https://github.com", IssueLocations.webBase(URI.create("https://api.github.com")));
    assertEquals(
        "https://ghe.example.com",
        IssueLocations.webBase(URI.create("https://ghe.example.com/api/v3")));
    assertEquals(
        "http://ghe.example.com:8080/git",
        IssueLocations.webBase(URI.create("http://ghe.example.com:8080/git/api/v3/")));
    assertEquals("https://github.com", IssueLocations.webBase(URI.create("http://127.0.0.1:9999")));
  }

  private interface Check<T> {
    T get() throws Exception;
  }

  /** {@code check} again until it passes, for up to 20 s (the read side follows the files). */
  private static <T> T eventually(Check<T> check) {
    return TestProbe.create(service.system())
        .awaitAssert(
            Duration.ofSeconds(20),
            () -> {
              try {
                return check.get();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }
}
