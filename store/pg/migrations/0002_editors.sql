-- Schema 2: which organisations each editor may see and change. The
-- row-level security policies `ropactl db init` creates read it; role_name
-- is the database role a person signs in as.
CREATE TABLE editor_organisations (
	role_name       text NOT NULL,
	organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	PRIMARY KEY (role_name, organisation_id)
);
