package org.roadmapsync.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.roadmapsync.sim.GitHubSimulator;

/**
 * The benchmarks' data: issues #1..n in the simulator and a roadmap file per issue, equal to it and
 * naming it, so a first start has nothing to write on either side.
 */
public final class LinkedBenchIssues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LinkedBenchIssues() {}

  /** Issues #1..n with distinct {@code updated_at}, labelled as the files are. */
  public static void seed(GitHubSimulator github, String repo, int issues) {
    ObjectNode seed = JSON.createObjectNode().put("repo", repo);
    ArrayNode labels = seed.putArray("labels");
    labels.addObject().put("name", "priority:medium").put("color", "fbca04").put("description", "");
    labels.addObject().put("name", "type:feature").put("color", "0e8a16").put("description", "");
    ArrayNode list = seed.putArray("issues");
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int k = 1; k <= issues; k++) {
      String at = base.plusSeconds(k).toString();
      ObjectNode issue =
          list.addObject()
              .put("title", "Bench " + k)
              .put("body", "Body " + k)
              .put("created_at", at)
              .put("updated_at", at);
      issue.putArray("labels").add("priority:medium").add("type:feature");
    }
    github.control().seed(seed);
  }

  /** The roadmap files under {@code folder/.roadmap}, written before the service starts. */
  public static void writeFiles(Path folder, int issues) throws IOException {
    Files.createDirectories(folder.resolve(".roadmap/issues/backlog"));
    for (int k = 1; k <= issues; k++) {
      Files.writeString(
          file(folder, k),
          "---\nid: "
              + id(k)
              + "\ntitle: Bench "
              + k
              + "\npriority: medium\nstatus: todo\nissue_type: feature\n"
              + "milestone: null\nlabels: []\nassignee: null\ngithub_issue: "
              + k
              + "\n"
              + "created: '2020-01-01T00:00:00.000000+00:00'\nupdated: '2020-01-01T00:00:00.000000+00:00'\n---\n\nBody "
              + k
              + "\n");
    }
  }

  public static String id(int k) {
    return String.format("bench%06d", k);
  }

  public static Path file(Path folder, int k) {
    return folder.resolve(".roadmap/issues/backlog/" + id(k) + "-issue.md");
  }
}
