package org.roadmapsync.roadmap;

/**
 * The outcome of reading one issue file: an issue with its document, or the problem that stops it.
 */
sealed interface ParsedIssueFile {
  record Parsed(RoadmapIssue issue, FrontMatterDocument document) implements ParsedIssueFile {}

  record Failed(RoadmapFileProblem problem, String contentHash) implements ParsedIssueFile {}
}
