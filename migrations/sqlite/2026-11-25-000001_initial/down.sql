DROP TABLE receipts;
DROP TABLE report_patterns;
DROP TABLE report_factors;
DROP TABLE report_technologies;
DROP TABLE technology_aliases;
DROP TABLE technologies;
DROP TABLE reports;
