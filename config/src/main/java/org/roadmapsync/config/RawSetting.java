package org.roadmapsync.config;

/**
 * One configured value as the user wrote it, with the name to quote back in an error: the
 * environment variable when it came from there, else the HOCON key.
 */
record RawSetting(String name, String value) {

  boolean isBlank() {
    return value.isBlank();
  }

  String problem(String accepted) {
    return name + ": '" + value + "' is not accepted; expected " + accepted;
  }

  /** For secrets: name the setting, never echo what was given. */
  String secretProblem(String accepted) {
    return name + ": the value given is not accepted; expected " + accepted;
  }
}
