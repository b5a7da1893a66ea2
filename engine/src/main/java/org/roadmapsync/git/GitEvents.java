package org.roadmapsync.git;

/** What the git-backed roadmap reports as it happens; {@code metrics.Metrics} counts it. */
public interface GitEvents {

  /** A fetch ended: {@code ok} or {@code failed}. */
  void fetched(String outcome);

  /** A push ended: {@code ok}, {@code non_fast_forward}, {@code refused} or {@code failed}. */
  void pushed(String outcome);

  /** A commit of the service's own writes was made. */
  void committed();

  GitEvents NONE =
      new GitEvents() {
        public void fetched(String outcome) {}

        public void pushed(String outcome) {}

        public void committed() {}
      };
}
