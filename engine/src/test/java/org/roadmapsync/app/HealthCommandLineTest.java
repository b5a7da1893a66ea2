package org.roadmapsync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The one line {@code roadmap-sync health} prints for GitHub, with a GitHub App or a token. */
class HealthCommandLineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAppSaysWhichInstallationAndUntilWhenItsTokenHolds() throws Exception {
    var up =
        JSON.readTree(
            "{\"status\":\"UP\",\"lastError\":null,\"auth\":\"app\",\"app\":{\"appId\":123456,"
                + "\"installationId\":4242,\"tokenExpiresAt\":\"2026-12-07T08:00:00Z\"}}");
    assertEquals(
        "✅ github: UP (as GitHub App 123456, installation 4242, token until 2026-12-07T08:00:00Z)",
        HealthCommand.line("github", up));
    var down =
        JSON.readTree(
            "{\"status\":\"DOWN\",\"lastError\":\"the GitHub App installation 4242 gives no token"
                + " (404 Not Found): uninstalled\",\"auth\":\"app\",\"app\":{\"appId\":7,"
                + "\"installationId\":null,\"tokenExpiresAt\":null}}");
    assertEquals(
        "❌ github: DOWN (as GitHub App 7; the GitHub App installation 4242 gives no token (404"
            + " Not Found): uninstalled)",
        HealthCommand.line("github", down));
    var token = JSON.readTree("{\"status\":\"UP\",\"auth\":\"token\",\"app\":null}");
    assertEquals("✅ github: UP", HealthCommand.line("github", token));
  }
}
