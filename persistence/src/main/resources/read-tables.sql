-- The projections read the journal by tag: without this index H2 answers each of those queries (one per tag
-- slice and projection, every second) by scanning every tag row ever written.
CREATE INDEX IF NOT EXISTS event_tag_by_tag ON event_tag (tag, event_id);
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
-- The sequence number of the entity's last event folded into the row: the row is the entity's state exactly
-- when it equals the journal's highest for that entity (the start-up load then leaves a resting entity asleep).
ALTER TABLE issue_sync_status ADD COLUMN IF NOT EXISTS event_seq BIGINT;
CREATE INDEX IF NOT EXISTS issue_sync_status_by_link ON issue_sync_status (repo, github_number);
CREATE TABLE IF NOT EXISTS issue_sync_history (
  issue_id VARCHAR(255) NOT NULL,
  at TIMESTAMP NOT NULL,
  direction VARCHAR(8) NOT NULL,
  sync_trigger VARCHAR(16) NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issue_sync_history_by_issue ON issue_sync_history (issue_id, at);
-- Pull-request activity is history too: a longer direction ("pull-request") and what happened, in words.
ALTER TABLE issue_sync_history ALTER COLUMN direction SET DATA TYPE VARCHAR(16);
ALTER TABLE issue_sync_history ADD COLUMN IF NOT EXISTS note TEXT;
-- One row per roadmap issue with a pull request (or one under way). state: the lifecycle state as JSON.
CREATE TABLE IF NOT EXISTS pull_requests (
  issue_id VARCHAR(255) NOT NULL PRIMARY KEY,
  repo VARCHAR(255),
  pull_number BIGINT,
  pull_state VARCHAR(16),
  approval_id VARCHAR(64),
  approval_state VARCHAR(16),
  last_error TEXT,
  state TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS pull_requests_by_number ON pull_requests (repo, pull_number);
CREATE INDEX IF NOT EXISTS pull_requests_by_approval ON pull_requests (approval_state);
-- Every approval ever requested, so a decided or superseded one answers 409, not 404.
CREATE TABLE IF NOT EXISTS pull_approvals (
  approval_id VARCHAR(64) NOT NULL PRIMARY KEY,
  issue_id VARCHAR(255) NOT NULL
);
-- What the pull-request feed knows of each roadmap issue (link, status, title, body, branch), as JSON: the feed
-- wakes a lifecycle only for issues that name (or named) a branch.
CREATE TABLE IF NOT EXISTS pull_request_feed (
  issue_id VARCHAR(255) NOT NULL PRIMARY KEY,
  issue TEXT NOT NULL
);
-- The dependencies both sides agreed on at the last run (issue 21), the base of the next three-way merge: without
-- it a relation removed from a file while the service was down would come back from GitHub.
CREATE TABLE IF NOT EXISTS dependency_agreement (
  issue_id VARCHAR(255) NOT NULL,
  depends_on VARCHAR(255) NOT NULL,
  PRIMARY KEY (issue_id, depends_on)
);
