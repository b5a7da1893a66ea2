package org.roadmapsync.sync;

import org.roadmapsync.persistence.CborSerializable;

/** One field's move in a history entry; values are String, List of String, or null. */
public record FieldChange(Object from, Object to) implements CborSerializable {}
