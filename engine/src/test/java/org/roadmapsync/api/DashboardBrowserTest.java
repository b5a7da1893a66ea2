package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * The dashboard in headless Chromium against the real service and the GitHub simulator: the
 * overview's counts (and their live update), the issue table, an issue's detail, conflicts resolved
 * by clicking (reaching the file and GitHub), approvals clicked (merging the pull request), the
 * refusals of the API shown beside their buttons, and the page's own not-found view.
 *
 * <p>One service and one browser for the class; {@code @BeforeAll} builds the data every test
 * reads: four synced issues, one unlinked, two conflicts (manual strategy) and two pull requests
 * waiting for approval. Skipped without chromium and chromedriver (unless {@code
 * ROADMAP_SYNC_REQUIRE_BROWSER=true}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  private static final String TOKEN = "dash-github-token";
  private static final String REPO = "octo/dash";
  private static final String SECRET = "dash-webhook-secret";

  @TempDir static Path folder;
  static ActorTestKit testKit;
  static LiveService live;
  static Browser browser;
  static final Map<String, Long> numbers = new HashMap<>();

  @BeforeAll
  static void start() {
    Browser.assumeAvailable();
    // the browser starts while the service does
    CompletableFuture<Browser> starting = CompletableFuture.supplyAsync(Browser::new);
    testKit = ActorTestKit.create("DashboardBrowserTest");
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults(TOKEN, REPO),
            // the simulator has no write spacing: no need to wait a second between writes
            ConfigFactory.parseString("roadmap-sync.github.pacing.write-spacing = 20ms"),
            Map.of(
                "ROADMAP_GITHUB_CONFLICT_STRATEGY",
                "manual",
                "GITHUB_WEBHOOK_SECRET",
                SECRET,
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60"),
            "dash0001",
            "dash0002",
            "dash0003",
            "dash0004",
            "dash0005",
            "conf0001",
            "conf0002",
            "appr0001",
            "appr0002");
    webhooks(0);
    publishAll(
        "dash0001",
        "dash0002",
        "dash0003",
        "dash0004",
        "conf0001",
        "conf0002",
        "appr0001",
        "appr0002");

    // Two conflicts: GitHub's edit first, unseen (its webhook is lost on the way), then the file's.
    webhooks(1);
    for (String id : List.of("conf0001", "conf0002")) {
      live.github
          .control()
          .editIssueAs(
              "octocat",
              REPO,
              numbers.get(id).intValue(),
              "{\"title\":\"GitHub's title of "
                  + id
                  + "\",\"body\":\"GitHub's body of "
                  + id
                  + ".\"}");
      write(
          id,
          live.fileText(id)
              .replace("title: Issue " + id, "title: Roadmap's title of " + id)
              .replace("The body of " + id + ".", "Roadmap's body of " + id + "."));
    }
    // Two pull requests that will wait for approval: a branch, then review (which opens them).
    for (String id : List.of("appr0001", "appr0002")) {
      live.github.control().pushCommit("alice", REPO, "feature/" + id);
      write(
          id,
          live.fileText(id)
              .replace("status: todo", "status: review\ngit_branches: [feature/" + id + "]"));
    }
    live.eventually(
        () ->
            assertThat(live.getJson("/api/conflicts").findValuesAsText("id"))
                .containsExactlyInAnyOrder("conf0001", "conf0002"));
    webhooks(0);
    for (String id : List.of("appr0001", "appr0002")) {
      live.eventually(() -> assertEquals("open", pullRow(id).path("state").asText()));
      live.setFrontMatter(id, "status", "closed");
    }
    // one change on GitHub that arrives by webhook, for the history and the deliveries
    live.github
        .control()
        .editIssueAs(
            "octocat",
            REPO,
            numbers.get("dash0004").intValue(),
            "{\"body\":\"Edited on GitHub.\"}");
    for (String id : List.of("appr0001", "appr0002")) {
      live.eventually(() -> assertTrue(approvalOf(id).isPresent(), "approval of " + id));
    }
    live.eventually(() -> assertThat(live.fileText("dash0004")).contains("Edited on GitHub."));
    live.eventually(
        () ->
            assertEquals(
                "{\"synced\":6,\"pending\":0,\"error\":0,\"conflict\":2,\"unlinked\":1}",
                live.getJson("/api/issues?limit=0").path("counts").toString()));
    browser = starting.join();
  }

  /** Publishes the issues one after the other without waiting for each to settle, then waits. */
  private static void publishAll(String... ids) {
    live.eventually(
        () ->
            assertThat(live.getJson("/api/issues?status=unlinked").findValuesAsText("id"))
                .contains(ids));
    for (String id : ids) {
      numbers.put(
          id, live.post("/api/issues/" + id + "/publish", 200).path("githubIssue").asLong());
    }
    live.eventually(
        () ->
            assertThat(live.getJson("/api/issues?status=synced").findValuesAsText("id"))
                .contains(ids));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (live != null) {
      live.close();
    }
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
  }

  /** Webhooks to the service, losing {@code lossRate} of them. */
  private static void webhooks(double lossRate) {
    live.github
        .control()
        .setWebhook(
            Optional.of(new SimSettings.WebhookTarget(live.webhookUrl(), SECRET, lossRate, 0)));
  }

  private static void write(String id, String text) {
    try {
      Files.writeString(live.file(id), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode pullRow(String id) {
    for (JsonNode row : live.getJson("/api/pulls")) {
      if (row.path("issueId").asText().equals(id)) {
        return row;
      }
    }
    throw new AssertionError("no pull request row for " + id);
  }

  private static Optional<JsonNode> approvalOf(String id) {
    for (JsonNode row : live.getJson("/api/approvals")) {
      if (row.path("issueId").asText().equals(id)) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** The overview's count of a status, read in one go (the live updates may redraw it). */
  private static String count(String status) {
    return (String)
        browser.script(
            "const n = document.querySelector(\"a[data-count='\" + arguments[0] + \"'] .num\");"
                + " return n ? n.textContent : null;",
            status);
  }

  private static void click(String css) {
    browser.visible(css).click();
  }

  // ---- the proofs

  @Test
  @Order(1)
  void theOverviewShowsTheCountsAndFollowsChangesWithoutAReload() {
    browser.open(live.api + "/");
    browser.until(d -> "6".equals(count("synced")) ? true : null);
    assertEquals("2", count("conflict"));
    assertEquals("1", count("unlinked"));
    assertEquals("0", count("error"));
    assertEquals("9", browser.find("#total-issues").getText());
    browser.textContains("#attention-card", "2 pull request(s) waiting for approval");
    browser.textContains("#nav-approvals", "2");
    browser.textContains("#github-card", "5,000");
    browser.textContains("#webhooks-card", "accepted");
    browser.textContains("#service-card", ".roadmap");
    browser.textContains("#run-card", "finished");
    assertTrue(browser.find("#auto-sync").isSelected(), "auto-sync is on");
    browser.screenshot("overview");

    // live: a publish through the API shows up without a reload
    browser.script("window.__sameDocument = true");
    live.publish("dash0005");
    browser.until(d -> "0".equals(count("unlinked")) && "7".equals(count("synced")) ? true : null);
    assertEquals(true, browser.script("return window.__sameDocument === true"), "not reloaded");

    browser.phone(390, 844);
    browser.open(live.api + "/");
    browser.until(d -> "7".equals(count("synced")) ? true : null);
    assertFalse(browser.overflowsSideways(), "the overview fits a phone's width");
    browser.screenshot("overview-phone");
    browser.desktop();
  }

  @Test
  @Order(2)
  void theIssueTableFiltersSearchesSortsAndLinksToGitHubAndTheFile() {
    browser.open(live.api + "/#/issues");
    browser.until(d -> browser.all("#issue-rows tr").size() == 9 ? true : null);
    browser.textContains("#issues-summary", "Showing 1–9 of 9 issues");

    new Select(browser.find("#filter-status")).selectByValue("conflict");
    browser.until(d -> rowIds().equals(List.of("conf0001", "conf0002")) ? true : null);

    new Select(browser.find("#filter-status")).selectByValue("");
    search("#" + numbers.get("dash0003"));
    browser.until(d -> rowIds().equals(List.of("dash0003")) ? true : null);
    WebElement row = browser.find("#issue-rows tr[data-id='dash0003']");
    WebElement github = row.findElement(By.cssSelector("a[target='_blank']"));
    assertEquals(
        "https://github.com/" + REPO + "/issues/" + numbers.get("dash0003"),
        github.getAttribute("href"));
    assertThat(row.getText()).contains("issues/backlog/dash0003-issue.md");
    search("Roadmap's title");
    browser.until(d -> rowIds().equals(List.of("conf0001", "conf0002")) ? true : null);

    // sorting by keyboard: the column heads are buttons
    search("");
    browser.until(d -> browser.all("#issue-rows tr").size() == 9 ? true : null);
    WebElement byId = browser.find("button.sort[data-sort='id']");
    byId.sendKeys(Keys.ENTER);
    browser.until(
        d ->
            "descending"
                        .equals(
                            browser
                                .find("th:has(button[data-sort='id'])")
                                .getAttribute("aria-sort"))
                    && rowIds().indexOf("dash0005") == 0
                ? true
                : null);
    assertThat(browser.driver.getCurrentUrl()).contains("order=desc");
    browser.screenshot("issues");

    browser.phone(390, 844);
    browser.open(live.api + "/#/issues");
    browser.until(d -> browser.all("#issue-rows tr").size() == 9 ? true : null);
    assertFalse(browser.overflowsSideways(), "the issue table fits a phone's width");
    browser.screenshot("issues-phone");
    browser.desktop();
  }

  /** Types into the search box as a person would: select all, then the new text. */
  private static void search(String text) {
    WebElement box = browser.find("#search");
    box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!text.isEmpty()) {
      box.sendKeys(text);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> rowIds() {
    // read in one go: the live loop may redraw the rows between two WebDriver calls
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll('#issue-rows tr')].map(r => r.dataset.id)");
  }

  @Test
  @Order(3)
  void anIssueShowsBothSidesItsHistoryItsPullRequestAndSyncsOnAsk() {
    int number = live.getJson("/api/issues/dash0004").path("githubIssue").asInt();
    live.github.control().commentAs("teammate", REPO, number, "A word from GitHub.");
    live.setFrontMatter("dash0004", "depends_on", "[dash0001, ghost]");
    live.post("/api/sync", 202);
    browser.open(live.api + "/#/issues/dash0004");
    browser.textContains("#comments-table", "A word from GitHub.");
    browser.textContains("#issue-title", "Issue dash0004");
    String title = browser.textContains("#sides-table tr[data-field='title']", "Issue dash0004");
    assertThat(title.split("Issue dash0004", -1)).hasSizeGreaterThanOrEqualTo(4);
    browser.textContains("#sides-table tr[data-field='body']", "Edited on GitHub.");
    browser.textContains("#history", "to the file");
    browser.textContains("#issue-file", "issues/backlog/dash0004-issue.md");
    browser.textContains("#dependencies", "dash0001");
    browser.textContains("#dependencies", "depends_on names 'ghost', which no roadmap file has");
    browser.textContains("#history", "blocked by dash0001");

    click("#main .controls button.primary");
    browser.textContains("#main .controls .action-message", "Sync asked");

    browser.open(live.api + "/#/issues/appr0002");
    browser.textContains("#pull-card", REPO + "#");
    browser.textContains("#pull-card", "pending");
    browser.screenshot("issue-detail");

    // keyboard: the first Tab reaches the skip link, which leads to the content
    browser.open(live.api + "/#/issues/dash0001");
    browser.driver.navigate().refresh();
    browser.textContains("#issue-title", "Issue dash0001");
    browser.find("body").sendKeys(Keys.TAB);
    assertEquals("skip-link", browser.script("return document.activeElement.className"));
  }

  @Test
  @Order(4)
  void aRefusedResolveShowsTheApiReasonBesideTheButtonAndChangesNothing() {
    String fileBefore = live.fileText("conf0002");
    JsonNode githubBefore = live.githubIssue(numbers.get("conf0002"));
    browser.open(live.api + "/#/conflicts");
    String card = "section.conflict-card[data-issue='conf0002'] ";
    click(card + "button.pick[data-field='title'][data-side='github']");
    assertEquals(
        "true",
        browser
            .find(card + "button.pick[data-field='title'][data-side='github']")
            .getAttribute("aria-pressed"));
    click(card + "button[data-apply='conf0002']");
    String refused =
        browser.textContains(card + ".resolve-actions .action-message", "Refused (400)");
    assertThat(refused).contains("no choice for the conflicting field(s) body");
    browser.screenshot("conflict-refused");

    assertEquals(fileBefore, live.fileText("conf0002"), "the file is as it was");
    assertEquals(
        githubBefore.path("title").asText(),
        live.githubIssue(numbers.get("conf0002")).path("title").asText());
    assertEquals("conflict", live.syncStatus("conf0002"));
    // the reason stays while the page updates itself
    browser.textContains("#live-state", "Live");
    assertThat(browser.find(card + ".resolve-actions .action-message").getText())
        .contains("Refused (400)");

    // then keep every field of the roadmap
    click(card + "button[data-keep-all='roadmap']");
    browser.textContains("#notices", "resolved: kept roadmap for every field");
    live.eventually(
        () ->
            assertEquals(
                "Roadmap's title of conf0002",
                live.githubIssue(numbers.get("conf0002")).path("title").asText()));
    assertThat(live.githubIssue(numbers.get("conf0002")).path("body").asText())
        .contains("Roadmap's body of conf0002.");
  }

  @Test
  @Order(5)
  void aConflictResolvedByClickingReachesTheFileAndGitHub() {
    browser.open(live.api + "/#/conflicts");
    String card = "section.conflict-card[data-issue='conf0001'] ";
    browser.textContains(card, "GitHub's title of conf0001");
    browser.screenshot("conflicts");
    click(card + "button.pick[data-field='title'][data-side='roadmap']");
    click(card + "button.pick[data-field='body'][data-side='github']");
    browser.textContains(card + ".chosen", "2 of 2");
    click(card + "button[data-apply='conf0001']");
    browser.textContains("#notices", "title from roadmap, body from GitHub");

    live.eventually(
        () -> {
          JsonNode issue = live.githubIssue(numbers.get("conf0001"));
          assertEquals("Roadmap's title of conf0001", issue.path("title").asText());
          assertThat(issue.path("body").asText()).contains("GitHub's body of conf0001.");
          assertThat(live.fileText("conf0001"))
              .contains("title: Roadmap's title of conf0001")
              .contains("GitHub's body of conf0001.")
              .doesNotContain("Roadmap's body of conf0001.");
          assertEquals("synced", live.syncStatus("conf0001"));
        });
    // the page follows: no conflict left to show
    browser.until(d -> browser.all("section.conflict-card").isEmpty() ? true : null);
    browser.textContains("#main", "No conflicts");
  }

  @Test
  @Order(6)
  void anApprovalClickedMergesThePullRequest() {
    JsonNode approval = approvalOf("appr0001").orElseThrow();
    String id = approval.path("id").asText();
    int pull = approval.path("number").asInt();
    browser.open(live.api + "/#/pulls");
    browser.visible("tr[data-approval='" + id + "']");
    browser.screenshot("pulls");
    click("button[data-approve='" + id + "']");
    browser.textContains("#notices", "Approved");

    live.eventually(
        () -> assertTrue(live.github.control().pull(REPO, pull).path("merged").asBoolean()));
    live.eventually(() -> assertEquals("merged", pullRow("appr0001").path("state").asText()));
    browser.textContains("#pulls-table tr[data-issue='appr0001']", "merged");
    browser.until(d -> browser.all("tr[data-approval='" + id + "']").isEmpty() ? true : null);
  }

  @Test
  @Order(7)
  void anApprovalTheApiRefusesShowsItsReasonAndMergesNothing() {
    JsonNode approval = approvalOf("appr0002").orElseThrow();
    String id = approval.path("id").asText();
    int pull = approval.path("number").asInt();
    browser.open(live.api + "/#/pulls");
    browser.visible("button[data-approve='" + id + "']");
    // the page stops updating itself; meanwhile someone else rejects through the API
    click("#live-toggle");
    browser.textContains("#live-state", "Paused");
    assertEquals(202, live.post("/api/approvals/" + id, "{\"decision\":\"reject\"}").status());

    click("button[data-approve='" + id + "']");
    String refused =
        browser.textContains("tr[data-approval='" + id + "'] .action-message", "Refused (409)");
    assertThat(refused).contains("approval " + id + " was already decided");
    browser.screenshot("approval-refused");
    assertFalse(live.github.control().pull(REPO, pull).path("merged").asBoolean());

    click("#live-toggle");
    browser.until(d -> browser.all("tr[data-approval='" + id + "']").isEmpty() ? true : null);
    browser.textContains("#pulls-table tr[data-issue='appr0002']", "rejected");
    assertFalse(live.github.control().pull(REPO, pull).path("merged").asBoolean());
  }

  @Test
  @Order(8)
  void anUnknownPageShowsThePagesOwnNotFoundView() {
    browser.open(live.api + "/no/such/page");
    browser.textContains("#not-found h1", "Page not found");
    browser.textContains("#not-found", "/no/such/page");
    browser.screenshot("not-found");

    browser.open(live.api + "/#/no-such-view");
    browser.textContains("#not-found", "/#/no-such-view");
    click("#not-found a[href='/#/issues']");
    browser.visible("#issue-rows tr");
  }
}
