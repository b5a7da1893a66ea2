CREATE TABLE IF NOT EXISTS issue_sync_status (
  issue_id VARCHAR(255) NOT NULL PRIMARY KEY,
  title TEXT,
  repo VARCHAR(255),
  github_number BIGINT,
  sync_status VARCHAR(32) NOT NULL,
  last_sync_timestamp TIMESTAMP,
  last_sync_error TEXT,
  pending_github_changes TEXT NOT NULL,
  conflict TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS issue_sync_status_by_status ON issue_sync_status (sync_status);
CREATE INDEX IF NOT EXISTS issue_sync_status_by_link ON issue_sync_status (repo, github_number);
CREATE TABLE IF NOT EXISTS issue_sync_history (
  issue_id VARCHAR(255) NOT NULL,
  at TIMESTAMP NOT NULL,
  direction VARCHAR(8) NOT NULL,
  sync_trigger VARCHAR(16) NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issue_sync_history_by_issue ON issue_sync_history (issue_id, at);
