package org.roadmapsync.persistence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes every transaction committed so far survive a kill of the process. Asked for before a step
 * that must never happen twice (a write that adds something to GitHub), right after its intent was
 * journaled: a kill must not lose the intent once GitHub may have been asked.
 */
@FunctionalInterface
public interface JournalFlush {

  CompletionStage<?> flush();

  /** For a database whose commits are durable when they return (PostgreSQL), and for tests. */
  JournalFlush NONE = () -> CompletableFuture.completedFuture(null);
}
