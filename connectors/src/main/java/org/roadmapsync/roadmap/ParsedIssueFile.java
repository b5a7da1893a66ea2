package org.roadmapsync.roadmap;

/**
 * The outcome of reading one issue file: an issue with its document, or the problem that stops it.
 */
sealed interface ParsedIssueFile {
  /**
   * @param idLine the line of the {@code id} key (1 without one), for a duplicate id's problem
   * @param document null once dropped ({@link #withoutDocument}): its node tree is most of a parsed
   *     file's memory, and only an edit needs it
   */
  record Parsed(RoadmapIssue issue, int idLine, FrontMatterDocument document)
      implements ParsedIssueFile {

    Parsed(RoadmapIssue issue, FrontMatterDocument document) {
      this(
          issue,
          document.entry("id").map(t -> document.line(t.getValueNode())).orElse(1),
          document);
    }

    /** The same file without its document: what a load of thousands of files keeps. */
    Parsed withoutDocument() {
      return new Parsed(issue, idLine, null);
    }
  }

  record Failed(RoadmapFileProblem problem, String contentHash) implements ParsedIssueFile {}
}
