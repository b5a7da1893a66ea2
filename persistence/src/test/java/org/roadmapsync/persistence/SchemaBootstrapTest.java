package org.roadmapsync.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaBootstrapTest {

  @Test
  void commentsMayHoldSemicolonsAndAreNotRun() {
    String script =
        "-- first; with a semicolon\nCREATE TABLE a (x INT);\n  -- indented comment\nCREATE INDEX i ON a (x);\n";

    assertEquals(
        List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
        SchemaBootstrap.statements(script));
  }

  @Test
  void theShippedScriptSplitsIntoStatementsOnly() {
    List<String> statements = SchemaBootstrap.statements(SchemaBootstrap.readTables());

    assertFalse(statements.isEmpty());
    statements.forEach(sql -> assertTrue(sql.matches("(?s)^(CREATE|ALTER) [^-]*"), sql));
  }
}
