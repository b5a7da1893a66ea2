package org.roadmapsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.app.LiveService;
import org.roadmapsync.sim.SimSettings;

/**
 * The dashboard of a service started with {@code ROADMAP_SYNC_ADMIN_TOKEN} and no roadmap folder:
 * the page and its files load without the token, the page asks for it, refuses a wrong one with a
 * clear message and asks again, never shows it; past the token, sync not running is said plainly.
 */
class DashboardAdminTokenBrowserTest {

  private static final String ADMIN_TOKEN = "dash-admin-s3cret-token";

  @TempDir static Path folder;
  static ActorTestKit testKit;
  static LiveService live;
  static Browser browser;

  @BeforeAll
  static void start() {
    Browser.assumeAvailable();
    testKit = ActorTestKit.create("DashboardAdminTokenBrowserTest");
    live =
        new LiveService(
            testKit,
            folder,
            SimSettings.defaults("dash-token-github", "octo/token"),
            ConfigFactory.empty(),
            Map.of(
                "ROADMAP_SYNC_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "ROADMAP_DIR",
                folder.resolve("no-such-folder/.roadmap").toString(),
                "ROADMAP_GITHUB_HEALTH_CHECK_MINUTES",
                "60"));
    browser = new Browser();
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

  private static void enterToken(String token) {
    browser.visible("#token-dialog[open] #token-input").sendKeys(token);
    browser.find("#token-dialog button[type='submit']").click();
  }

  @Test
  void aWrongTokenIsRefusedClearlyAndTheRightOneIsKeptForTheTabOnly() {
    browser.open(live.api + "/");
    // the page and its files came without the token; its first API call asks for it
    browser.textContains("#token-message", "needs its admin token");
    browser.textContains("#service-card", "no-such-folder");

    enterToken("not-the-token");
    String refused = browser.textContains("#token-message", "The admin token was refused");
    assertThat(refused).contains("the admin token given is not the one configured");
    browser.visible("#token-dialog[open]");
    browser.screenshot("token-refused");
    assertEquals(null, browser.script("return sessionStorage.getItem('roadmap-sync.admin-token')"));

    enterToken(ADMIN_TOKEN);
    browser.until(d -> browser.all("#token-dialog[open]").isEmpty() ? true : null);
    // past the token: no roadmap folder, so sync is not running, and the page says why
    browser.textContains("#sync-not-running", "Sync is not running");
    browser.textContains("#sync-not-running", "ROADMAP_DIR");
    browser.textContains("#service-card", "unknown");
    browser.screenshot("sync-not-running");

    assertEquals(
        ADMIN_TOKEN,
        browser.script("return sessionStorage.getItem('roadmap-sync.admin-token')"),
        "kept for the tab");
    assertEquals(0L, browser.script("return localStorage.length"), "not kept beyond the tab");
    String page = (String) browser.script("return document.documentElement.outerHTML");
    assertFalse(page.contains(ADMIN_TOKEN), "the token is never rendered");
    assertEquals("", browser.find("#token-input").getAttribute("value"));

    // another tab (a new session) starts without it
    browser.script("sessionStorage.clear()");
    browser.open(live.api + "/#/issues");
    browser.visible("#token-dialog[open]");
    browser.find("#token-cancel").click();
    browser.textContains("#banner", "This service needs its admin token");
  }
}
