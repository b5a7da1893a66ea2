/**
 * How the service reports its health: the {@code GitHubHealthMonitor} (periodic probe, {@code
 * GitHubHealthAssessment} into UP/DEGRADED/DOWN), the local checks ({@code HealthService}: journal,
 * roadmap folder, governor through {@code GovernorHealth}, each a {@code CachedCheck}; the
 * git-backed roadmap through {@code GitHealth}), and the {@code HealthReport} that {@code /health}
 * answers.
 *
 * <p>May depend on: {@code gateway} (the governor's state), {@code git} (its status), {@code
 * github}, {@code persistence}.
 */
package org.roadmapsync.health;
