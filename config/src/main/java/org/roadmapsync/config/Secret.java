package org.roadmapsync.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A token or password: its value never shows in logs, toString() or API output. */
public record Secret(String value) {

  public Secret {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
  }

  /** Constant-time comparison, so response timing does not reveal how much of a guess matched. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "****";
  }
}
