package org.roadmapsync.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.util.Try;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;

/**
 * The read journal's data access with one query of its own: events by tag, which every projection
 * polls. The plugin's query joins a sub-select of the journal to the tag table, and H2 answers it
 * by reading every tag row of the tag and evaluating the sub-select for each: every poll cost time
 * in proportion to the whole journal, and a catching-up projection starved the journal's writes.
 * This query bounds both tables by the offset range, so a poll reads what was written since the
 * last one. Set as {@code jdbc-read-journal.dao}; it assumes the plugin's default table and column
 * names, which {@link SchemaBootstrap} creates.
 */
public final class TagRangeReadJournalDao extends DefaultReadJournalDao {

  private static final String EVENTS_BY_TAG =
      "SELECT j.ordering, j.deleted, j.persistence_id, j.sequence_number, j.writer, j.write_timestamp,"
          + " j.adapter_manifest, j.event_payload, j.event_ser_id, j.event_ser_manifest, j.meta_payload,"
          + " j.meta_ser_id, j.meta_ser_manifest"
          + " FROM event_tag t JOIN event_journal j ON j.ordering = t.event_id"
          // the range on both sides: H2 does not carry it over the join by itself
          + " WHERE t.tag = ? AND t.event_id > ? AND t.event_id <= ? AND j.ordering > ? AND j.ordering <= ?"
          + " AND j.deleted = FALSE ORDER BY t.event_id LIMIT ?";

  @SuppressWarnings("unchecked")
  private static final Set<String> NO_TAGS =
      (Set<String>) (Object) scala.collection.immutable.Set$.MODULE$.empty();

  private final Serialization serialization;
  private final Executor queries;

  /** The signature the read journal plugin instantiates its DAO with. */
  public TagRangeReadJournalDao(
      JdbcBackend.JdbcDatabaseDef db,
      JdbcProfile profile,
      ReadJournalConfig config,
      Serialization serialization,
      ExecutionContext ec,
      Materializer mat) {
    super(db, profile, config, serialization, ec, mat);
    this.serialization = serialization;
    this.queries = mat.system().dispatchers().lookup("roadmap-sync.journal-query-dispatcher");
  }

  @Override
  public org.apache.pekko.stream.scaladsl.Source<
          Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed>
      eventsByTag(String tag, long offset, long maxOffset, long max) {
    return Source.completionStage(
            CompletableFuture.supplyAsync(() -> rows(tag, offset, maxOffset, max), queries))
        .mapConcat(rows -> rows)
        // tags are not filled in, as in the plugin's own query: nothing downstream reads them
        .map(
            row ->
                PekkoSerialization.fromRow(serialization, row)
                    .map(
                        read ->
                            new Tuple3<PersistentRepr, Set<String>, Object>(
                                read._1(), NO_TAGS, read._2())))
        .asScala();
  }

  private List<JournalPekkoSerializationRow> rows(
      String tag, long offset, long maxOffset, long max) {
    try (Connection connection = db().source().createConnection();
        PreparedStatement query = connection.prepareStatement(EVENTS_BY_TAG)) {
      query.setString(1, tag);
      query.setLong(2, offset);
      query.setLong(3, maxOffset);
      query.setLong(4, offset);
      query.setLong(5, maxOffset);
      query.setLong(6, Math.min(max, Integer.MAX_VALUE));
      List<JournalPekkoSerializationRow> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new JournalPekkoSerializationRow(
                  rs.getLong(1),
                  rs.getBoolean(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getString(5),
                  rs.getLong(6),
                  rs.getString(7),
                  rs.getBytes(8),
                  rs.getInt(9),
                  rs.getString(10),
                  Option.apply(rs.getBytes(11)),
                  Option.apply(rs.getObject(12)),
                  Option.apply(rs.getString(13))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("events by tag " + tag + " failed: " + e.getMessage(), e);
    }
  }
}
