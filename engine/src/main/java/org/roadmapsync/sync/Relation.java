package org.roadmapsync.sync;

import java.util.Comparator;

/**
 * One dependency between two roadmap issues: {@code blocked} depends on {@code blocking} (its
 * {@code depends_on} names it, and the other's {@code blocks} names {@code blocked}). On GitHub,
 * {@code blocked}'s issue is blocked by {@code blocking}'s: the relation is written on the blocked
 * issue ({@code …/issues/{n}/dependencies/blocked_by}), so its entity owns it.
 */
public record Relation(String blocked, String blocking) {

  public static final Comparator<Relation> ORDER =
      Comparator.comparing(Relation::blocked).thenComparing(Relation::blocking);

  public Relation {
    if (blocked == null || blocking == null || blocked.isBlank() || blocking.isBlank()) {
      throw new IllegalArgumentException("a relation needs both ends");
    }
  }
}
