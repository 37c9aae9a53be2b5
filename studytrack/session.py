"""The learner's session: where the data and the course are, the language and the clock.

The command line and the app share one ``Session``; the database and the course are opened
on first use, so a command that needs neither never pays for them.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studytrack.clock import Clock, system_clock
from studytrack.errors import DatabaseFileError
from studytrack.store.learner import Learner

if TYPE_CHECKING:
    import sqlite3

    from studytrack.domain.content.course import Course
    from studytrack.store.connection import StoreDatabase


class Session:
    """What every command and screen shares: paths, language and clock, and the opened files.

    A plain class rather than a dataclass: every command builds one, and the dataclass machinery
    costs ~8 ms at start-up (``dataclasses`` imports ``inspect``)."""

    db_path: Path
    content_dir: Path
    lang: str
    clock: Clock
    create_db_folder: bool
    """Create the database's folder when missing: only for the default location, never for a
    ``--db`` or ``STUDYTRACK_DB`` path (a typo must not make all data seem gone)."""
    notices: list[str]
    """What the learner should be told besides the output (a new database was created, the file
    is damaged): the command line prints them on stderr after a command that succeeded, so an
    error stays one line and ``--json`` output stays clean."""
    _db: StoreDatabase | None
    _course: Course | None
    _opening: threading.RLock
    """Opening the database or the course happens once, whichever thread asks first."""

    def __init__(
        self, db_path: Path, content_dir: Path, lang: str, clock: Clock = system_clock,
        create_db_folder: bool = False,
    ) -> None:
        self.db_path = db_path
        self.content_dir = content_dir
        self.lang = lang
        self.clock = clock
        self.create_db_folder = create_db_folder
        self.notices = []
        self._db = None
        self._course = None
        self._opening = threading.RLock()

    def __repr__(self) -> str:
        """The paths, language and clock, as a dataclass would show them."""
        return (f"Session(db_path={self.db_path!r}, content_dir={self.content_dir!r}, lang={self.lang!r}, "
                f"clock={self.clock!r}, create_db_folder={self.create_db_folder!r})")

    def db(self) -> StoreDatabase:
        """The opened, migrated database (``DatabaseFileError`` when the file can't be used):
        a plain ``sqlite3`` connection when the file is ready, else sqlite-utils' (``open_store``)."""
        with self._opening:
            if self._db is None:
                # Deferred: the store's modules (~20 ms); --help and --version never need them.
                from studytrack.store.opening import open_store  # noqa: PLC0415

                self._db = open_store(
                    self.db_path,
                    self.lang,
                    now=self.now(),
                    create_folder=self.create_db_folder,
                    notice=self.notices.append,
                )
            return self._db

    def has_open_db(self) -> bool:
        """Whether ``db()`` has opened the database already (a forked process must not share it)."""
        return self._db is not None

    def database_problem(self, error: sqlite3.Error, lang: str | None = None) -> DatabaseFileError:
        """The one-line message (in ``lang``, default the session's) for an SQLite error met while
        using this session's database; on damage, writes to it stop (``store.database.database_problem``)."""
        # Deferred like open_database above: sqlite-utils costs ~100 ms at start-up.
        from studytrack.store.database import database_problem  # noqa: PLC0415

        return database_problem(error, self.db_path, lang or self.lang, self._db)

    def check_database_after_command(self) -> None:
        """Once a command's output is out: ``DatabaseFileError`` when the file is damaged (found at
        open, or by the day's integrity check, run here when opening left it for later: a large
        file)."""
        if self._db is None:
            return
        # Deferred like open_database above: sqlite-utils costs ~100 ms at start-up.
        from studytrack.store.database import damage_found, run_due_integrity_check  # noqa: PLC0415

        damage = damage_found(self.db_path, self.lang) or run_due_integrity_check(
            self._db, self.db_path, self.lang, self.now()
        )
        if damage is not None:
            raise DatabaseFileError(damage)

    def course(self) -> Course:
        """The loaded course (``CourseError`` when the folder has problems)."""
        with self._opening:
            if self._course is None:
                # Deferred: parsing the course costs tens of ms; commands on flags alone never need it.
                from studytrack.domain.content.course import load_course  # noqa: PLC0415

                self._course = load_course(self.content_dir)
            return self._course

    def now(self) -> datetime:
        """The current time, from this session's clock."""
        return self.clock()

    def learner(self, lang: str | None = None) -> Learner:
        """The learner store writes are for: this session's database (opened on first use),
        clock and language; ``lang`` overrides the language (the app switches it at run time)."""
        return Learner(self.db(), self.clock, lang or self.lang)
