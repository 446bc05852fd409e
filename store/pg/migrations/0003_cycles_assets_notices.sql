-- Schema 3: review cycles and their sign-offs, information assets,
-- suppliers and recorded privacy notices, as in the .ropa file's schemas
-- 1 to 3, so review cycles, sign-off, import and every export work the
-- same on a shared register. Text, not jsonb, for the reason 0001 gives.

-- A cycle's columns are the file's; sign_off is the full sign-off as the
-- history recorded it (the file keeps it in meta as sign_off:<id>), and
-- snapshot the register frozen at sign-off.
CREATE TABLE review_cycles (
	id              uuid PRIMARY KEY,
	name            text NOT NULL,
	started_at      text NOT NULL,
	interval_months integer NOT NULL,
	signed_off_by   text NOT NULL DEFAULT '',
	signed_off_at   text NOT NULL DEFAULT '',
	statement       text NOT NULL DEFAULT '',
	sign_off        text,
	snapshot        text
);
-- The file's name column is UNIQUE COLLATE NOCASE.
CREATE UNIQUE INDEX review_cycles_name ON review_cycles (lower(name));

-- Assets and suppliers link to activities by the activity ids inside
-- their bodies, as in the file: the links are part of the record and of
-- its history.
CREATE TABLE information_assets (
	id         uuid PRIMARY KEY,
	name       text NOT NULL,
	body       text NOT NULL,
	created_at text NOT NULL,
	updated_at text NOT NULL
);

CREATE TABLE suppliers (
	id         uuid PRIMARY KEY,
	name       text NOT NULL,
	body       text NOT NULL,
	created_at text NOT NULL,
	updated_at text NOT NULL
);

-- A recorded notice is only ever created (see the file's 0003).
CREATE TABLE published_notices (
	id           uuid PRIMARY KEY,
	organisation text NOT NULL,
	audience     text NOT NULL DEFAULT '',
	recorded_at  text NOT NULL,
	body         text NOT NULL
);
CREATE INDEX published_notices_recorded ON published_notices (recorded_at, id);
