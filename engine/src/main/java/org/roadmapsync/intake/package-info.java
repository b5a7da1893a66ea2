/**
 * The ways in from GitHub: the {@code RepositoryPoller} (one per repository, conditional listings
 * from a journaled watermark) with its {@code PollInterval}, {@code PollScheduler} and {@code
 * SyncRun} progress, the {@code WebhookIntake} with its {@code DeliveryLog} (verified, deduplicated
 * deliveries), and the {@code DeliveryRecovery} with its {@code RedeliveryPlan} (after a gap,
 * GitHub is asked to send again the deliveries the intake missed). They hand what they learn to the
 * issue entities; none changes anything on GitHub (a redelivery request only makes GitHub send a
 * webhook again).
 *
 * <p>May depend on: {@code sync} (to reach the entities), {@code github}, {@code persistence},
 * {@code config}.
 */
package org.roadmapsync.intake;
