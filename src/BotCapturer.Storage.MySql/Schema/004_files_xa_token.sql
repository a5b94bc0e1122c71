-- A file loaded through several connections is one XA transaction (docs/storage.md "One file, several connections"):
-- its files row carries the token of that load attempt (the xid's gtrid), and is the commit decision that recovery
-- of prepared branches looks up. NULL for files loaded on one connection.
ALTER TABLE files ADD COLUMN xa_token CHAR(32) CHARACTER SET ascii NULL, ADD UNIQUE KEY uq_files_xa_token (xa_token);
