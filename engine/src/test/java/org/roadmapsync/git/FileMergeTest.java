package org.roadmapsync.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One file both sides changed: the teammate's text with the fields only the service changed edited
 * in. Taking the teammate's file alone would show the entity the service's own GitHub values as
 * reverted, and push them back to GitHub: the reason for this merge.
 */
class FileMergeTest {

  private static final Path FILE = Path.of("abcd0001-issue.md");
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private static byte[] text(String title, String priority, String body) {
    return GitCli.issue("abcd0001", title, priority)
        .replace("The body of abcd0001.", body)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String merged(byte[] base, byte[] service, byte[] teammate) {
    return new String(
        FileMerge.merge(FILE, base, service, teammate, NOW).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void eachSidesFieldSurvivesAndTheTeammatesBytesStay() {
    byte[] base = text("Old", "high", "Body.");
    byte[] service = text("From GitHub", "high", "Body.");
    byte[] teammate = text("Old", "low", "Body, with the teammate's words.");

    String result = merged(base, service, teammate);

    assertThat(result)
        .contains("title: From GitHub")
        .contains("priority: low")
        .contains("Body, with the teammate's words.");
  }

  @Test
  void aFieldBothChangedKeepsTheTeammatesValueForTheEntityToMerge() {
    byte[] base = text("Old", "high", "Body.");
    String result =
        merged(
            base, text("From GitHub", "high", "Body."), text("From the teammate", "high", "Body."));
    assertThat(result).contains("title: From the teammate").doesNotContain("From GitHub");
  }

  @Test
  void withNothingOnlyTheServiceChangedTheTeammatesFileIsTakenAsItIs() {
    byte[] base = text("Old", "high", "Body.");
    byte[] teammate = text("Old", "low", "Body.");
    assertEquals(new String(teammate, StandardCharsets.UTF_8), merged(base, base, teammate));
  }

  @Test
  void labelsMergeAsSets() {
    byte[] base = text("Old", "high", "Body.");
    byte[] service = text("Old", "high", "Body.");
    byte[] teammate = text("Old", "high", "Body.");
    base = withLabels(base, "- team\n- old\n");
    service = withLabels(service, "- team\n- old\n- from-github\n");
    teammate = withLabels(teammate, "- team\n- from-teammate\n");
    assertThat(merged(base, service, teammate))
        .contains("- team\n- from-teammate\n- from-github\n")
        .doesNotContain("- old");
  }

  private static byte[] withLabels(byte[] text, String labels) {
    return new String(text, StandardCharsets.UTF_8)
        .replace("labels:\n- team\n", "labels:\n" + labels)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMalformedVersionIsNotMerged() {
    byte[] base = text("Old", "high", "Body.");
    byte[] broken = "---\nid: abcd0001\ntitle: [unclosed\n---\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(FileMerge.merge(FILE, base, text("New", "high", "Body."), broken, NOW).isEmpty());
  }
}
