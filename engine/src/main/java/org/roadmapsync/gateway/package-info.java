/**
 * The way out to GitHub: every call goes through the {@code RateLimitGovernor} (permits by
 * priority, {@code PacingPolicy} for GitHub's primary and secondary limits, {@code
 * GovernedTransport}) and, for the entities' work, the {@code OperationQueue} ({@code Operation}s
 * deduplicated, retried with {@code RetryPolicy}). {@code QueuedGitHubPort} and {@code
 * QueuedPullRequestPort} implement the ports the entities call; {@code GitHubGateway} assembles it
 * all.
 *
 * <p>May depend on: {@code github}, {@code config}, {@code persistence}'s {@code JournalFlush}
 * (asked before a write that adds content), and the port interfaces of {@code sync} and {@code
 * pulls} it implements. Nothing inbound: the ways in live in {@code intake}.
 */
package org.roadmapsync.gateway;
