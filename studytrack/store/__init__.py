"""The learner's SQLite file, through sqlite-utils: opening it safely, migrations, reads and writes.

This package never imports textual; the command line and the app both call it.
"""
