-- C-plane and A-plane results of botengine run --group N (issues #6 and #7), replacing 002's first shapes of cflows and
-- activities. No botengine version ever wrote rows into those two tables (run --group needs the schema at this version
-- before it saves anything), so they are dropped and created again: that keeps this script rerunnable after an
-- interruption on MySQL and MariaDB alike (DDL commits implicitly; ADD COLUMN IF NOT EXISTS is MariaDB only).
-- host_scores, clusters and verdicts keep their rows. Binary vectors are little-endian, see docs/storage.md.
DROP TABLE IF EXISTS cflows;

CREATE TABLE cflows (
  group_id BIGINT NOT NULL,
  id INT NOT NULL, -- position in the run's cflows.csv (key order), 0-based
  proto TINYINT UNSIGNED NOT NULL,
  src VARBINARY(16) NOT NULL,
  dst VARBINARY(16) NOT NULL,
  dport SMALLINT UNSIGNED NOT NULL,
  epoch INT NOT NULL, -- epoch number from the analysis' first flow (cflows.csv's epoch column)
  epoch_start_ns BIGINT NOT NULL,
  flows INT NOT NULL,
  windows INT NOT NULL, -- fph windows of the C-flow (the number of fph values)
  fph DOUBLE NOT NULL, -- mean flows per fph window
  cluster_id INT NULL, -- the C-cluster (clusters.cluster_id with plane 'C'); NULL for DBSCAN noise
  -- BotMiner §4.1.2: the 52-d vector (fph, ppf, bpp, bps: 13 bins each) as 52 float32 fractions, its raw bin counts as
  -- 52 int32, and the 8-d reduced vector (mean, standard deviation per feature) as 8 float64
  vector BINARY(208) NOT NULL,
  counts BINARY(208) NOT NULL,
  reduced BINARY(64) NOT NULL,
  PRIMARY KEY (group_id, id),
  KEY ix_cflows_cluster (group_id, cluster_id),
  KEY ix_cflows_src (group_id, src)
) ENGINE=InnoDB;

DROP TABLE IF EXISTS activities;

CREATE TABLE activities (
  group_id BIGINT NOT NULL,
  id INT NOT NULL, -- position in the run's activities.csv, 0-based
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL, -- scan, brute_force, binary_download, spam, signature
  host VARBINARY(16) NOT NULL,
  target VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, -- readable target, as in activities.csv
  target_host VARBINARY(16) NULL, -- the one host aimed at, when there is one
  port_low SMALLINT UNSIGNED NULL,
  port_high SMALLINT UNSIGNED NULL,
  cluster_id INT NOT NULL, -- aclusters.id
  cluster_key VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  first_ns BIGINT NOT NULL,
  last_ns BIGINT NOT NULL,
  events BIGINT NOT NULL,
  weight DOUBLE NOT NULL,
  detail TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (group_id, id),
  KEY ix_activities_host (group_id, host),
  KEY ix_activities_cluster (group_id, cluster_id)
) ENGINE=InnoDB;

-- A-clusters (BotMiner §3.4) with what their members share; their hosts are the clusters rows with plane 'A'.
CREATE TABLE IF NOT EXISTS aclusters (
  group_id BIGINT NOT NULL,
  id INT NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  cluster_key VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  target VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  weight DOUBLE NOT NULL,
  hosts INT NOT NULL,
  activities INT NOT NULL,
  first_ns BIGINT NOT NULL,
  last_ns BIGINT NOT NULL,
  PRIMARY KEY (group_id, id)
) ENGINE=InnoDB;
