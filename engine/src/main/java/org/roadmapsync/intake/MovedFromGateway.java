package org.roadmapsync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads events and snapshots journaled before the poller and the delivery log moved from {@code
 * gateway} to this package: their manifests name {@code org.roadmapsync.gateway.*}. Listed per old
 * class name under {@code pekko.serialization.jackson.migrations} in {@code
 * roadmap-sync-service.conf}; the shapes are unchanged.
 */
public final class MovedFromGateway extends JacksonMigration {

  private static final String OLD = "org.roadmapsync.gateway.";
  private static final String NEW = "org.roadmapsync.intake.";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return className.startsWith(OLD) ? NEW + className.substring(OLD.length()) : className;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
