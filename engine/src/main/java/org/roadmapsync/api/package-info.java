/**
 * The admin API's HTTP routes on Pekko HTTP: {@code /api/*} (issues, sync, conflicts, pull
 * requests, approvals, import, plan, publish), {@code /webhooks/github}, {@code /health}, {@code
 * /metrics}, the admin token, and JSON for every error. Routes translate HTTP to calls of the
 * services and back; they hold no sync logic. The dashboard ({@code DashboardRoutes}: one page at
 * {@code /} and its static files, read from the jar's {@code dashboard/} folder) is served here
 * too, outside the admin token; {@code IssueLocations} and {@code IssueFiles} tell the issue rows
 * where each issue can be seen (its GitHub web page, its file's path, from the roadmap folder's
 * file names).
 *
 * <p>May depend on: {@code sync}, {@code pulls}, {@code onboarding}, {@code intake}, {@code
 * health}, {@code metrics}, {@code git} ({@code GET /api/git}), {@code config}, and {@code github}
 * for the words of GitHub's errors.
 */
package org.roadmapsync.api;
