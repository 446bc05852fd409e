-- Schema 1 of a shared register: organisations, activities, settings and
-- the change-history chain, as in the .ropa file's schema 1.
--
-- Bodies are the JSON text exactly as the SQLite store writes it, in text
-- columns, not jsonb: jsonb reorders keys and drops duplicates, and the
-- history, its hashes and verification compare the text byte for byte.
-- Times are the history's fixed-width UTC text for the same reason.

CREATE TABLE organisations (
	id         uuid PRIMARY KEY,
	name       text NOT NULL,
	body       text NOT NULL,
	created_at text NOT NULL,
	updated_at text NOT NULL
);

CREATE TABLE activities (
	id              uuid PRIMARY KEY,
	organisation_id uuid NOT NULL REFERENCES organisations (id),
	name            text NOT NULL,
	status          text NOT NULL DEFAULT '',
	created_at      text NOT NULL,
	updated_at      text NOT NULL,
	body            text NOT NULL
);
CREATE INDEX activities_org ON activities (organisation_id);

CREATE TABLE settings (
	key   text PRIMARY KEY,
	value text NOT NULL
);

-- The change history is append-only; each entry carries the hash of the one
-- before it. "user" is who the app says made the change; db_role is the
-- role the server authenticated, filled in by the server, outside the hash
-- (a copy from a .ropa file has none to bring).
CREATE TABLE history (
	seq       bigint PRIMARY KEY,
	at        text NOT NULL,
	"user"    text NOT NULL,
	entity    text NOT NULL,
	entity_id uuid NOT NULL,
	action    text NOT NULL,
	field     text NOT NULL,
	old       text,
	new       text,
	prev_hash text NOT NULL,
	hash      text NOT NULL,
	db_role   text NOT NULL DEFAULT session_user
);
CREATE INDEX history_entity ON history (entity_id, seq);

-- One row: the chain's head. Every write transaction locks it first
-- (SELECT … FOR UPDATE), so writers take turns at the chain and two can
-- never append after the same entry; and because it is the first lock
-- every writer takes, writers cannot deadlock on each other.
CREATE TABLE chain_head (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	seq      bigint NOT NULL,
	hash     text NOT NULL
);
INSERT INTO chain_head (seq, hash) VALUES (0, '');
