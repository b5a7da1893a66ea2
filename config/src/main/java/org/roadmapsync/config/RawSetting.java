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

  /**
   * The port it names, from {@code lowest} to 65535; otherwise a problem is added and -1 returned.
   */
  int port(int lowest, java.util.List<String> problems) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= lowest && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        problem(
            "a port number from "
                + lowest
                + " to 65535"
                + (lowest == 0 ? " (0 = any free port)" : "")));
    return -1;
  }

  /** For secrets: name the setting, never echo what was given. */
  String secretProblem(String accepted) {
    return name + ": the value given is not accepted; expected " + accepted;
  }
}
