-- Schema 3: published privacy notices, checked against the register and
-- recorded for the annual review (report/notice, model.PublishedNotice).
-- Each is its JSON body, as information assets are, and is never changed
-- once recorded; the columns beside the body order them (by when recorded)
-- and pick the latest per organisation and audience without decoding every
-- body. A migration from schema 1 or 2 adds the table and touches no row.

CREATE TABLE published_notices (
	id           TEXT PRIMARY KEY,
	organisation TEXT NOT NULL,
	audience     TEXT NOT NULL,
	recorded_at  TEXT NOT NULL,
	body         TEXT NOT NULL
);
CREATE INDEX published_notices_recorded ON published_notices (recorded_at, id);
