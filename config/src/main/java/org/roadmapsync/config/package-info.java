/**
 * Configuration: {@code SettingsLoader} reads environment variables, HOCON and {@code
 * .roadmap/config.yaml} in that order of precedence, validates everything at once and answers an
 * immutable {@code Settings} (or every problem, one line each). Secrets are {@code Secret}s that
 * never print themselves.
 *
 * <p>May depend on: Typesafe Config and Jackson YAML only; every other module depends on it.
 */
package org.roadmapsync.config;
