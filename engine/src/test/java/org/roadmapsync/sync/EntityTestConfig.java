package org.roadmapsync.sync;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** In-memory journal and snapshots with the service's serialization bindings, for entity tests. */
public final class EntityTestConfig {

  private EntityTestConfig() {}

  public static Config config() {
    return EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseResources("roadmap-sync-persistence.conf"))
        .withFallback(ConfigFactory.load());
  }
}
