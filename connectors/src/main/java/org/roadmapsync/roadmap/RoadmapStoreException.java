package org.roadmapsync.roadmap;

import java.io.IOException;

/**
 * Why the store refused or failed an operation. Nothing was written when one of these is thrown.
 */
public abstract sealed class RoadmapStoreException extends RuntimeException {

  RoadmapStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No issue file has this id. */
  public static final class IssueNotFound extends RoadmapStoreException {
    private final String id;

    public IssueNotFound(String id) {
      super("no roadmap issue has id '" + id + "'", null);
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** The file cannot be used (bad YAML, duplicate id, ...): it is left exactly as it is. */
  public static final class UnusableFile extends RoadmapStoreException {
    private final RoadmapFileProblem problem;

    public UnusableFile(RoadmapFileProblem problem) {
      super(problem.toString(), null);
      this.problem = problem;
    }

    public RoadmapFileProblem problem() {
      return problem;
    }
  }

  /** The file changed since the version the caller based its edit on. */
  public static final class StaleIssue extends RoadmapStoreException {
    private final String expectedHash;
    private final String actualHash;

    public StaleIssue(String id, String expectedHash, String actualHash) {
      super("roadmap issue '" + id + "' changed on disk since it was read", null);
      this.expectedHash = expectedHash;
      this.actualHash = actualHash;
    }

    public String expectedHash() {
      return expectedHash;
    }

    public String actualHash() {
      return actualHash;
    }
  }

  /**
   * The edited text would not read back with the edit's values (for example YAML anchors in the
   * front matter): nothing was written, so the file keeps what the user wrote.
   */
  public static final class EditNotLossless extends RoadmapStoreException {
    public EditNotLossless(String id, String detail) {
      super(
          "editing roadmap issue '" + id + "' in place would not keep the file readable: " + detail,
          null);
    }
  }

  /** Reading, writing or moving a file failed. */
  public static final class Io extends RoadmapStoreException {
    public Io(String message, IOException cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }
}
