/**
 * The pull requests that belong to roadmap work: the pure {@code PullRequestPlan}, one
 * event-sourced {@code PullRequestLifecycle} per roadmap issue that carries the plan out step by
 * step ({@code PullRequestSteps} through the {@code PullRequestPort}), the {@code PullRequestFeed}
 * that folds the issue entities' events into what the lifecycle needs, the {@code PullRequestIndex}
 * the lifecycles announce their pull requests to, the {@code PullRequestPoller} of each repository
 * ({@code PullRequestPolls}), and the read side ({@code PullRequestProjection}, {@code
 * PullRequestRows}, {@code PullService}).
 *
 * <p>May depend on: {@code sync} (its events and entity), {@code github}, {@code persistence},
 * {@code config}.
 */
package org.roadmapsync.pulls;
