DROP TABLE guidance;
