-- "What went well" as a field of its own (incident research: what held up matters as much as
-- what failed). Empty means nobody said.
ALTER TABLE reports ADD COLUMN went_well TEXT NOT NULL DEFAULT '';
