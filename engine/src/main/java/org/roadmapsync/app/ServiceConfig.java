package org.roadmapsync.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.roadmapsync.cluster.ClusterConfig;
import org.roadmapsync.config.Settings;
import org.roadmapsync.persistence.PersistenceConfig;

/**
 * The Pekko configuration of the service: the database chosen by the settings, then the user's
 * application.conf (or -Dconfig.file), then the service's own defaults, then the libraries'.
 */
final class ServiceConfig {

  private ServiceConfig() {}

  static Config forSettings(Settings settings) {
    Config cluster = settings.cluster().map(ClusterConfig::overrides).orElse(ConfigFactory.empty());
    return cluster
        .withFallback(PersistenceConfig.forDatabase(settings.database()))
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources("roadmap-sync-service.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
