package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub App settings that cannot work stop the service as it is started (a separate JVM): exit 2,
 * one {@code configuration:} line per problem naming the variable, the key never printed, nothing
 * bound or written.
 */
class GitHubAppConfigurationTest {

  @TempDir Path folder;

  @Test
  void aMalformedKeyBesideAPersonalTokenExitsTwoNamingBoth() throws Exception {
    String keyMaterial = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";
    Map<String, String> env =
        Map.of(
            "GITHUB_TOKEN", "ghp_must_not_be_printed",
            "ROADMAP_GITHUB_APP_ID", "12345",
            "ROADMAP_GITHUB_APP_PRIVATE_KEY",
                "-----BEGIN RSA PRIVATE KEY-----\n"
                    + keyMaterial
                    + "\n-----END RSA PRIVATE KEY-----\n");
    try (ServiceProcess process = ServiceProcess.start(folder, env)) {
      assertEquals(
          ServeCommand.EXIT_BAD_CONFIGURATION,
          process.awaitExit(Duration.ofSeconds(30)),
          process.output());
      assertThat(process.output().lines().filter(l -> l.startsWith("configuration: ")).toList())
          .hasSize(2)
          .anyMatch(
              l ->
                  l.startsWith(
                      "configuration: GITHUB_TOKEN and ROADMAP_GITHUB_APP_ID (a GitHub App) are"
                          + " both set; choose one"))
          .anyMatch(
              l ->
                  l.startsWith(
                      "configuration: ROADMAP_GITHUB_APP_PRIVATE_KEY: the key given is not"
                          + " accepted (the PEM block does not hold a readable RSA private key)"));
      assertThat(process.output())
          .doesNotContain("listening")
          .doesNotContain(keyMaterial.substring(0, 24))
          .doesNotContain("ghp_must_not_be_printed");
    }
    assertThat(Files.exists(folder.resolve(".roadmap-sync"))).as("nothing written").isFalse();
  }
}
