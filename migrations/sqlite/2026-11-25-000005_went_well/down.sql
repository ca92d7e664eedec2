ALTER TABLE reports DROP COLUMN went_well;
