-- Groups of loaded captures, the files in them, their flows and (optionally) their packets. See docs/storage.md.
-- Timestamps of traffic are BIGINT nanoseconds since the Unix epoch (exact); addresses are VARBINARY(16) as
-- INET6_ATON stores them: 4 bytes for IPv4, 16 for IPv6, network byte order (INET6_NTOA prints both). No foreign keys on flows or
-- packets: they would cost a lookup per bulk-loaded row; files and groups are checked by the loader.
CREATE TABLE IF NOT EXISTS `groups` (
  id BIGINT NOT NULL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  note TEXT NULL,
  created DATETIME(6) NOT NULL,
  first_packet_ns BIGINT NULL,
  last_packet_ns BIGINT NULL,
  files INT NOT NULL DEFAULT 0,
  packets BIGINT NOT NULL DEFAULT 0,
  bytes BIGINT NOT NULL DEFAULT 0,
  flow_rows BIGINT NOT NULL DEFAULT 0,
  flows BIGINT NOT NULL DEFAULT 0,
  packet_rows BIGINT NOT NULL DEFAULT 0,
  analysed DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS files (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  group_id BIGINT NOT NULL,
  path VARCHAR(4096) NOT NULL,
  size BIGINT NOT NULL,
  sha256 BINARY(32) NOT NULL,
  packets BIGINT NOT NULL DEFAULT 0,
  decoded BIGINT NOT NULL DEFAULT 0,
  bytes BIGINT NOT NULL DEFAULT 0,
  flows BIGINT NOT NULL DEFAULT 0,
  packet_rows BIGINT NOT NULL DEFAULT 0,
  first_packet_ns BIGINT NULL,
  last_packet_ns BIGINT NULL,
  status VARCHAR(16) CHARACTER SET ascii NOT NULL,
  error TEXT NULL,
  loaded DATETIME(6) NOT NULL,
  UNIQUE KEY uq_files_group_sha256 (group_id, sha256),
  CONSTRAINT fk_files_group FOREIGN KEY (group_id) REFERENCES `groups` (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS flows (
  group_id BIGINT NOT NULL,
  file_id BIGINT NOT NULL,
  seq INT UNSIGNED NOT NULL,
  start_ns BIGINT NOT NULL,
  end_ns BIGINT NOT NULL,
  proto TINYINT UNSIGNED NOT NULL,
  src VARBINARY(16) NOT NULL,
  sport SMALLINT UNSIGNED NOT NULL,
  dst VARBINARY(16) NOT NULL,
  dport SMALLINT UNSIGNED NOT NULL,
  src_packets BIGINT NOT NULL,
  src_bytes BIGINT NOT NULL,
  dst_packets BIGINT NOT NULL,
  dst_bytes BIGINT NOT NULL,
  state VARCHAR(8) CHARACTER SET ascii NOT NULL,
  src_payload_bytes BIGINT NOT NULL,
  dst_payload_bytes BIGINT NOT NULL,
  src_ip_bytes BIGINT NOT NULL,
  dst_ip_bytes BIGINT NOT NULL,
  src_flags TINYINT UNSIGNED NOT NULL,
  dst_flags TINYINT UNSIGNED NOT NULL,
  src_syn BOOLEAN NOT NULL,
  dst_synack BOOLEAN NOT NULL,
  end_reason TINYINT UNSIGNED NOT NULL,
  continues_earlier BOOLEAN NOT NULL,
  continues_later BOOLEAN NOT NULL,
  src_payload BLOB NULL,
  dst_payload BLOB NULL,
  PRIMARY KEY (group_id, file_id, seq)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS packets (
  group_id BIGINT NOT NULL,
  file_id BIGINT NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  ts_ns BIGINT NOT NULL,
  length INT UNSIGNED NOT NULL,
  proto TINYINT UNSIGNED NOT NULL,
  src VARBINARY(16) NOT NULL,
  sport SMALLINT UNSIGNED NOT NULL,
  dst VARBINARY(16) NOT NULL,
  dport SMALLINT UNSIGNED NOT NULL,
  tcp_flags TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (group_id, file_id, seq)
) ENGINE=InnoDB;
