package org.roadmapsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The build's version, from a resource Maven fills in. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/roadmap-sync-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"roadmap-sync " + version()};
  }
}
