package org.roadmapsync.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code roadmap-sync demo} prints for a newcomer to try: every address is loopback, every
 * GitHub in it a simulation.
 *
 * @param simulator the simulated GitHub's base URL
 * @param token valid for that simulator only
 * @param api the service's base URL
 * @param dir the demo folder
 * @param issues the samples and their simulated GitHub issues
 * @param teammate with {@code --git}: the teammate's working copy
 */
record DemoInstructions(
    String simulator,
    String token,
    String api,
    Path dir,
    List<Demo.Linked> issues,
    Optional<Path> teammate) {

  String text() {
    if (teammate.isPresent()) {
      return gitText(teammate.get());
    }
    Demo.Linked first = issues.get(0);
    Demo.Linked third = issues.get(Math.min(2, issues.size() - 1));
    String auth = "-H 'Authorization: token " + token + "'";
    StringBuilder text = new StringBuilder();
    header(text, "DEMO");
    text.append("  roadmap-sync API   ")
        .append(api)
        .append("\n")
        .append("  dashboard          ")
        .append(api)
        .append("/  (open it in a browser: it follows every change below)\n")
        .append("  roadmap folder     ")
        .append(DemoFolder.roadmap(dir))
        .append("\n\n")
        .append("  Each sample issue is linked to a simulated GitHub issue:\n");
    linkedIssues(text, dir);
    text.append(
            "\n  The simulated GitHub sends signed webhooks to the service: its edits reach the files at once\n")
        .append("  (polling every ")
        .append(Demo.POLL_MINUTES)
        .append(" min is the safety net).\n\n")
        .append("  Things to try:\n")
        .append(
            "  1. Edit a file (e.g. its title: line), then look at the simulated GitHub issue:\n")
        .append("       ${EDITOR:-vi} ")
        .append(first.file())
        .append("\n")
        .append("       curl -s ")
        .append(auth)
        .append(" ")
        .append(simulator)
        .append("/repos/")
        .append(Demo.REPO)
        .append("/issues/")
        .append(first.number())
        .append("\n")
        .append("  2. Edit on the simulated GitHub as another user, then watch the file change:\n")
        .append("       curl -s -X PATCH ")
        .append(simulator)
        .append("/_sim/repos/")
        .append(Demo.REPO)
        .append("/issues/")
        .append(third.number())
        .append(" -d '{\"actor\":\"octocat\",\"title\":\"Renamed on (simulated) GitHub\"}'\n")
        .append("       grep title: ")
        .append(third.file())
        .append("\n")
        .append("  3. Ask the service:\n")
        .append("       curl -s ")
        .append(api)
        .append("/api/issues\n")
        .append("       curl -s ")
        .append(api)
        .append("/api/issues/")
        .append(first.id())
        .append("\n")
        .append("       curl -s ")
        .append(api)
        .append("/health\n")
        .append("       curl -s ")
        .append(api)
        .append("/metrics | grep roadmap_sync\n")
        .append("  4. Take the simulated GitHub down and back, and watch /health:\n")
        .append("       curl -s -X PUT ")
        .append(simulator)
        .append("/_sim/dead -d '{\"dead\":true}'\n")
        .append("\n  Ctrl-C stops the demo. Run it again to start over in the same folder.\n");
    return text.toString();
  }

  /**
   * {@code demo --git}: a teammate's commit reaching GitHub, a GitHub edit arriving as a commit.
   */
  private String gitText(Path work) {
    Demo.Linked first = issues.get(0);
    Demo.Linked third = issues.get(Math.min(2, issues.size() - 1));
    StringBuilder text = new StringBuilder();
    header(text, "DEMO --git");
    text.append("  roadmap-sync API   ")
        .append(api)
        .append("  (dashboard: ")
        .append(api)
        .append("/)\n")
        .append("  team's remote      ")
        .append(DemoFolder.remote(dir))
        .append("  (a bare git repository standing in for GitHub's)\n")
        .append("  teammate's copy    ")
        .append(work)
        .append("\n  service's clone    ")
        .append(DemoFolder.data(dir).resolve("git"))
        .append("  (the service commits and pushes here; do not edit it)\n\n")
        .append("  Each sample issue is linked to a simulated GitHub issue:\n");
    linkedIssues(text, work);
    text.append("\n  Things to try:\n")
        .append(
            "  1. As the teammate, edit a file, commit and push; the service fetches at its next poll\n")
        .append("     (every ")
        .append(Demo.POLL_MINUTES)
        .append(" min) or at once when asked, then syncs the change to the simulated GitHub:\n")
        .append("       cd ")
        .append(work)
        .append(" && ${EDITOR:-vi} ")
        .append(work.relativize(first.file()))
        .append(" && git commit -am 'a teammate edit' && git push\n")
        .append("       curl -s -X POST ")
        .append(api)
        .append("/api/sync\n")
        .append("       curl -s -H 'Authorization: token ")
        .append(token)
        .append("' ")
        .append(simulator)
        .append("/repos/")
        .append(Demo.REPO)
        .append("/issues/")
        .append(first.number())
        .append("\n")
        .append(
            "  2. Edit on the simulated GitHub; within seconds the service commits and pushes it:\n")
        .append("       curl -s -X PATCH ")
        .append(simulator)
        .append("/_sim/repos/")
        .append(Demo.REPO)
        .append("/issues/")
        .append(third.number())
        .append(" -d '{\"actor\":\"octocat\",\"title\":\"Renamed on (simulated) GitHub\"}'\n")
        .append("       git -C ")
        .append(work)
        .append(" pull && git -C ")
        .append(work)
        .append(" log -1 --format='%an: %s'\n")
        .append("  3. Ask the service about its clone:\n")
        .append("       curl -s ")
        .append(api)
        .append("/api/git\n")
        .append("       curl -s ")
        .append(api)
        .append("/health\n")
        .append("\n  Ctrl-C stops the demo. Run it again to start over in the same folder.\n");
    return text.toString();
  }

  /** One line per sample issue: its GitHub number, id and file (relative to {@code base}). */
  private void linkedIssues(StringBuilder text, Path base) {
    for (Demo.Linked issue : issues) {
      text.append("    #")
          .append(issue.number())
          .append("  ")
          .append(issue.id())
          .append("  ")
          .append(base.relativize(issue.file()))
          .append("\n");
    }
  }

  /** The banner and the simulated GitHub's address and token, the same in both demos. */
  private void header(StringBuilder text, String mode) {
    text.append("\n==== roadmap-sync ")
        .append(mode)
        .append(": a SIMULATION. Nothing here talks to github.com; all on 127.0.0.1 ====\n\n")
        .append("  simulated GitHub   ")
        .append(simulator)
        .append("  (repository ")
        .append(Demo.REPO)
        .append(", token ")
        .append(token)
        .append(": valid for this simulator only)\n");
  }
}
