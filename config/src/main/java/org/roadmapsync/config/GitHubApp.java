package org.roadmapsync.config;

import java.util.Optional;

/**
 * A GitHub App the service authenticates as ({@code ROADMAP_GITHUB_APP_*}), instead of a personal
 * token: it signs a short JWT with {@code privateKey} and trades it for an installation token.
 *
 * @param appId the App ID of the App's settings page (the JWT's {@code iss})
 * @param installationId the installation on the organisation or user that owns the repositories;
 *     empty: found from the default repository ({@code GET /repos/{owner}/{repo}/installation})
 */
public record GitHubApp(long appId, AppPrivateKey privateKey, Optional<Long> installationId) {}
