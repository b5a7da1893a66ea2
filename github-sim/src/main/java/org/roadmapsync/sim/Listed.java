package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** One page of a list and what the {@code Link} header needs to describe the others. */
record Listed(ArrayNode items, int total, int page, int perPage) {}
