"""The learner's session: where the data and the course are, the language and the clock.

The command line and the app share one ``Session``; the database and the course are opened
on first use, so a command that needs neither never pays for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studytrack.clock import Clock, system_clock

if TYPE_CHECKING:
    from sqlite_utils import Database

    from studytrack.domain.content.course import Course


@dataclass
class Session:
    """What every command and screen shares: paths, language and clock, and the opened files."""

    db_path: Path
    content_dir: Path
    lang: str
    clock: Clock = system_clock
    _db: Database | None = field(default=None, repr=False)
    _course: Course | None = field(default=None, repr=False)

    def db(self) -> Database:
        """The opened, migrated database (``DatabaseFileError`` when the file can't be used)."""
        if self._db is None:
            # Deferred: sqlite-utils (and numpy under it) cost ~100 ms; --help and --version never need them.
            from studytrack.store.database import open_database

            self._db = open_database(self.db_path, self.lang)
        return self._db

    def course(self) -> Course:
        """The loaded course (``CourseError`` when the folder has problems)."""
        if self._course is None:
            # Deferred: parsing the course costs tens of ms; commands on flags alone never need it.
            from studytrack.domain.content.course import load_course

            self._course = load_course(self.content_dir)
        return self._course

    def now(self) -> datetime:
        """The current time, from this session's clock."""
        return self.clock()
