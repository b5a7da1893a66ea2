package org.roadmapsync.github;

/** The answer to a merge: GitHub's {@code merged}, the merge commit {@code sha} and its message. */
public record MergeResult(boolean merged, String sha, String message) {}
