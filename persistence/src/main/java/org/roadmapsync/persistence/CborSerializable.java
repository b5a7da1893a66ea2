package org.roadmapsync.persistence;

/**
 * Marker for every message, event and snapshot that crosses a serialization boundary (journal,
 * snapshots, cluster). Bound to jackson-cbor in {@code persistence.conf}.
 */
public interface CborSerializable {}
