package org.roadmapsync.api;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's {@code chromedriver}, for the dashboard's browser
 * tests: both found at fixed paths (no Selenium Manager, no download), a fresh profile per browser,
 * screenshots under {@code target/screenshots/}. One browser per test class.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("ROADMAP_SYNC_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getenv().getOrDefault("ROADMAP_SYNC_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(20);

  /** Selenium looks for a DevTools binding of Chromium's version, which a test does not need. */
  private static final Logger CDP_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_FINDER.setLevel(Level.SEVERE);
  }

  /**
   * Skips the calling test class when chromium or chromedriver is missing, with the reason; fails
   * instead when {@code ROADMAP_SYNC_REQUIRE_BROWSER=true} (CI).
   */
  static void assumeAvailable() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
      return;
    }
    String why =
        "the dashboard's browser tests need "
            + CHROMIUM
            + " and "
            + DRIVER
            + " (apt-get install chromium chromium-driver; or set ROADMAP_SYNC_CHROMIUM and"
            + " ROADMAP_SYNC_CHROMEDRIVER)";
    if ("true".equalsIgnoreCase(System.getenv("ROADMAP_SYNC_REQUIRE_BROWSER"))) {
      fail(why + ", and ROADMAP_SYNC_REQUIRE_BROWSER=true makes them mandatory");
    }
    Assumptions.abort(why + ": skipped");
  }

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  Browser() {
    try {
      profile = Files.createTempDirectory("dashboard-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the driver's own path: Selenium asks Selenium Manager (which downloads) only without one
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withSilent(true)
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1280,800");
    driver = new ChromeDriver(service, options);
    desktop();
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Waits (up to {@link #WAIT}) until {@code condition} answers non-null and non-false; an element
   * the live updates redrew meanwhile is looked for again.
   */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits until the element of {@code css} exists and is shown; answers it. */
  WebElement visible(String css) {
    return until(
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
  }

  /** Waits until the text of the element of {@code css} contains {@code part}; answers the text. */
  String textContains(String css, String part) {
    return until(
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          String text = found.isEmpty() ? "" : found.get(0).getText();
          return text.contains(part) ? text : null;
        });
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Shows the page as a phone of {@code width} CSS pixels would (until {@link #desktop}). */
  void phone(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  /** A 1280 × 800 viewport (the window's size would leave less: it counts the browser's bars). */
  void desktop() {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Whether the page is wider than its viewport (a sideways scroll of the whole page). */
  boolean overflowsSideways() {
    return (Boolean)
        script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.close();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp folder left behind is harmless
      }
    }
  }
}
