"""The learner's record as data that travels: global ids, the export format, the backup rule."""
