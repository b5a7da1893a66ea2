/**
 * The ways in from GitHub: the {@code RepositoryPoller} (one per repository, conditional listings
 * from a journaled watermark) with its {@code PollInterval}, {@code PollScheduler} and {@code
 * SyncRun} progress, and the {@code WebhookIntake} with its {@code DeliveryLog} (verified,
 * deduplicated deliveries). Both hand what they learn to the issue entities; neither writes to
 * GitHub.
 *
 * <p>May depend on: {@code sync} (to reach the entities), {@code github}, {@code persistence},
 * {@code config}.
 */
package org.roadmapsync.intake;
