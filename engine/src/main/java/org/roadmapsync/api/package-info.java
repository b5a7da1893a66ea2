/**
 * The admin API's HTTP routes on Pekko HTTP: {@code /api/*} (issues, sync, conflicts, pull
 * requests, approvals, import, plan, publish), {@code /webhooks/github}, {@code /health}, {@code
 * /metrics}, the admin token, and JSON for every error. Routes translate HTTP to calls of the
 * services and back; they hold no sync logic.
 *
 * <p>May depend on: {@code sync}, {@code pulls}, {@code onboarding}, {@code intake}, {@code
 * health}, {@code metrics}, {@code config}, and {@code github} for the words of GitHub's errors.
 */
package org.roadmapsync.api;
