-- Schema 60: the information asset register and the supplier list (DSPT
-- 1.1.2, 7.1, 10.1.2). Each record is its JSON body, as organisations are;
-- the links to activities are activity ids inside the body, so the many-to-
-- many relation needs no table of its own and a migration from schema 1
-- leaves every existing row untouched. Numbered 60 so that it cannot collide
-- with migrations added alongside it on other branches.

CREATE TABLE information_assets (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX information_assets_name ON information_assets (name COLLATE NOCASE);

CREATE TABLE suppliers (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX suppliers_name ON suppliers (name COLLATE NOCASE);
