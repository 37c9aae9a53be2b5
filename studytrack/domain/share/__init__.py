"""Anonymous share files and the cohort report: what a learner sends the instructor, and what the
instructor reads from a class of them.

Pure: no database, no UI, no command line. ``format`` defines and checks the file (untrusted
input), ``summary`` builds one learner's file from plain records, ``cohort`` aggregates many,
``preview`` words a file for the learner, ``html`` renders the instructor's page.
"""
