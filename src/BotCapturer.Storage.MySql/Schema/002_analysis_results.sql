-- Result tables for the analyses of a stored group (botengine run --group N): a first shape, to be refined by the
-- issues that fill them, through new migrations. Rows of one group and run are replaced as a whole.
CREATE TABLE IF NOT EXISTS cflows (
  group_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  epoch_start_ns BIGINT NOT NULL,
  proto TINYINT UNSIGNED NOT NULL,
  src VARBINARY(16) NOT NULL,
  dst VARBINARY(16) NOT NULL,
  dport SMALLINT UNSIGNED NOT NULL,
  flows BIGINT NOT NULL,
  fph DOUBLE NOT NULL,
  -- BotMiner C-plane: 52-d vector (4 x 13-bin histograms) as 52 little-endian doubles; 8-d reduced vector likewise
  vector VARBINARY(416) NULL,
  reduced VARBINARY(64) NULL,
  PRIMARY KEY (group_id, id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS host_scores (
  group_id BIGINT NOT NULL,
  host VARBINARY(16) NOT NULL,
  neighbours BIGINT NOT NULL,
  egonet_edges BIGINT NOT NULL,
  egonet_weight DOUBLE NOT NULL,
  eigenvalue DOUBLE NOT NULL,
  oddball_score DOUBLE NOT NULL,
  lof DOUBLE NULL,
  weight_cv DOUBLE NULL,
  score_rank INT NOT NULL,
  PRIMARY KEY (group_id, host)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS clusters (
  group_id BIGINT NOT NULL,
  plane CHAR(1) CHARACTER SET ascii NOT NULL, -- 'C' (C-plane) or 'A' (A-plane)
  cluster_id INT NOT NULL,
  host VARBINARY(16) NOT NULL,
  PRIMARY KEY (group_id, plane, cluster_id, host)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS activities (
  group_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  host VARBINARY(16) NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  target VARBINARY(16) NULL,
  target_port SMALLINT UNSIGNED NULL,
  first_ns BIGINT NOT NULL,
  last_ns BIGINT NOT NULL,
  events BIGINT NOT NULL,
  detail TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (group_id, id),
  KEY ix_activities_host (group_id, host)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS verdicts (
  group_id BIGINT NOT NULL,
  host VARBINARY(16) NOT NULL,
  votes INT NOT NULL,
  graph_vote BOOLEAN NOT NULL,
  cplane_vote BOOLEAN NOT NULL,
  aplane_vote BOOLEAN NOT NULL,
  botscore DOUBLE NULL,
  host_group INT NULL,
  evidence TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (group_id, host)
) ENGINE=InnoDB;
