/**
 * Where state is kept: the journal, snapshots and projection offsets on H2 or PostgreSQL ({@code
 * PersistenceConfig}), the tables created on every start ({@code SchemaBootstrap}, {@code
 * read-tables.sql}), the read side's pool ({@code Database}), one process per data folder ({@code
 * DataDirLock}) and the {@code CborSerializable} marker every journaled event and state carries.
 *
 * <p>May depend on: {@code config}, Pekko Persistence and JDBC drivers; nothing of the sync itself.
 */
package org.roadmapsync.persistence;
