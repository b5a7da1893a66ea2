package org.roadmapsync.roadmap;

/** A value to write into front matter. */
sealed interface YamlScalar {
  record Str(String value) implements YamlScalar {}

  record Int(long value) implements YamlScalar {}

  record Bool(boolean value) implements YamlScalar {}

  record Null() implements YamlScalar {}

  /** A timestamp: plain stays plain (it reads back as text), quoted stays quoted. */
  record Timestamp(String text) implements YamlScalar {}

  static YamlScalar of(String value) {
    return value == null ? new Null() : new Str(value);
  }
}
