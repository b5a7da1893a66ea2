package org.roadmapsync.roadmap;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.AnchorNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Turns composed YAML nodes into plain, ordered, unmodifiable Java values (core schema). */
final class YamlTrees {
  private YamlTrees() {}

  static Map<String, Object> toMap(MappingNode mapping) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Object key = toValue(tuple.getKeyNode());
      map.put(String.valueOf(key), toValue(tuple.getValueNode()));
    }
    return Collections.unmodifiableMap(map);
  }

  static Object toValue(Node node) {
    if (node instanceof AnchorNode anchor) {
      return toValue(anchor.getRealNode());
    }
    if (node instanceof MappingNode mapping) {
      return toMap(mapping);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>(sequence.getValue().size());
      for (Node item : sequence.getValue()) {
        list.add(toValue(item));
      }
      return Collections.unmodifiableList(list);
    }
    return scalar((ScalarNode) node);
  }

  static Object scalar(ScalarNode node) {
    String value = node.getValue();
    Tag tag = node.getTag();
    try {
      if (Tag.NULL.equals(tag)) {
        return null;
      }
      if (Tag.BOOL.equals(tag)) {
        return Boolean.valueOf(value.equalsIgnoreCase("true"));
      }
      if (Tag.INT.equals(tag)) {
        return integer(value);
      }
      if (Tag.FLOAT.equals(tag)) {
        return Double.valueOf(value);
      }
    } catch (NumberFormatException notAPlainNumber) {
      // hexadecimal, octal or .inf forms: keep the text rather than guess
    }
    return value;
  }

  private static Object integer(String value) {
    BigInteger big = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }
}
