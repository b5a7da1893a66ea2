package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One authenticated API request as an endpoint sees it. */
record Call(String actor, Map<String, String> params, String rawBody) {
  ObjectNode json() {
    return JsonInput.parseObject(rawBody);
  }
}
