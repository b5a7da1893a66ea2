package org.roadmapsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A read table with one row per entity that keeps the entity's state as JSON text beside the
 * columns the queries use: what the projections read before applying an event, and write back.
 */
public final class StateRows {

  /** Binds the parameters of an UPDATE or INSERT of the same row, in the same order. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement statement) throws Exception;
  }

  private StateRows() {}

  /** The state text of {@code id}; {@code select} has one parameter, the id, and one column. */
  public static Optional<String> read(Connection connection, String select, String id)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Updates the row, or inserts it when there is none yet; both take the parameters {@code bind}
   * sets.
   */
  public static void write(Connection connection, String update, String insert, Binder bind)
      throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(update)) {
      bind.bind(statement);
      if (statement.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      bind.bind(statement);
      statement.executeUpdate();
    }
  }
}
