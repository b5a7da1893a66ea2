package org.roadmapsync.config;

/** Console log line format; read by logback.xml through ROADMAP_SYNC_LOG_FORMAT. */
public enum LogFormat {
  TEXT,
  JSON
}
