-- Schema 1: organisations, activities with their list projections and
-- search index, settings, review cycles, and the change-history chain.

CREATE TABLE organisations (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX organisations_name ON organisations (name COLLATE NOCASE);

-- seq is an explicit INTEGER PRIMARY KEY so that the rowid the search index
-- refers to survives VACUUM.
CREATE TABLE activities (
	seq                INTEGER PRIMARY KEY,
	id                 TEXT NOT NULL UNIQUE,
	organisation_id    TEXT NOT NULL REFERENCES organisations (id),
	name               TEXT NOT NULL,
	business_function  TEXT NOT NULL DEFAULT '',
	role               TEXT NOT NULL DEFAULT '',
	status             TEXT NOT NULL DEFAULT '',
	has_special        INTEGER NOT NULL DEFAULT 0,
	special_categories TEXT NOT NULL DEFAULT '',
	lawful_bases       TEXT NOT NULL DEFAULT '',
	ndop_verdict       TEXT NOT NULL DEFAULT '',
	last_review        TEXT NOT NULL DEFAULT '',
	errors             INTEGER NOT NULL DEFAULT 0,
	warnings           INTEGER NOT NULL DEFAULT 0,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL,
	body               TEXT NOT NULL
);
CREATE INDEX activities_org ON activities (organisation_id, name COLLATE NOCASE);
-- The list reads this covering index instead of the rows, which are large
-- because of the body: listing and counting then never touch the bodies.
CREATE INDEX activities_list ON activities (
	name COLLATE NOCASE, id, organisation_id, business_function, role, status,
	has_special, special_categories, lawful_bases, ndop_verdict, last_review,
	errors, warnings, updated_at
);

CREATE VIRTUAL TABLE activities_fts USING fts5 (
	name, business_function, description, purposes, data_subjects,
	personal_data, recipients, organisation,
	tokenize = 'unicode61 remove_diacritics 2',
	-- Prefix indexes make the first keystrokes of a search (one to three
	-- letters, which match many words) as fast as the later ones.
	prefix = '1 2 3'
);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE review_cycles (
	id              TEXT PRIMARY KEY,
	name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
	started_at      TEXT NOT NULL,
	interval_months INTEGER NOT NULL,
	signed_off_by   TEXT NOT NULL DEFAULT '',
	signed_off_at   TEXT NOT NULL DEFAULT '',
	statement       TEXT NOT NULL DEFAULT '',
	snapshot        TEXT
);

-- The change history is append-only; each entry carries the hash of the one
-- before it, so a removed or altered entry breaks the chain.
CREATE TABLE history (
	seq       INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	user      TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	action    TEXT NOT NULL,
	field     TEXT NOT NULL,
	old       TEXT,
	new       TEXT,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);
CREATE INDEX history_entity ON history (entity_id, seq);

-- meta holds what the store itself needs to remember, such as which
-- version of the rules computed the projections.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
