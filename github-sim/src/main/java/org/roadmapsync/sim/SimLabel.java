package org.roadmapsync.sim;

/** A repository label. */
final class SimLabel {
  final long id;
  String name;
  String color;
  String description;

  SimLabel(long id, String name, String color, String description) {
    this.id = id;
    this.name = name;
    this.color = color;
    this.description = description;
  }
}
