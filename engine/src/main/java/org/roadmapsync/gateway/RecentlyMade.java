package org.roadmapsync.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The answers to the writes that added content (an issue, a comment, a pull request) in the last
 * {@link #KEPT}, at most 1,000: the {@link OperationQueue} answers the same write asked again with
 * them instead of making a second copy on GitHub.
 */
final class RecentlyMade {

  static final Duration KEPT = Duration.ofMinutes(10);
  private static final int LIMIT = 1_000;

  private record Answer(Object value, long until) {}

  private final LinkedHashMap<Operation, Answer> answers = new LinkedHashMap<>();

  void remember(Operation op, Object value) {
    answers.remove(op);
    answers.put(op, new Answer(value, System.nanoTime() + KEPT.toNanos()));
    if (answers.size() > LIMIT) {
      answers.remove(answers.keySet().iterator().next());
    }
  }

  Optional<Object> answerTo(Operation op) {
    long now = System.nanoTime();
    answers.values().removeIf(a -> a.until() - now < 0);
    return Optional.ofNullable(answers.get(op)).map(Answer::value);
  }
}
