"""What every store function works on: a database it can ``execute`` SQL on, which is either
sqlite-utils' ``Database`` (when the file had to be created, adopted, migrated or checked) or a
``Connection`` on a plain ``sqlite3`` connection (every other open: no sqlite-utils, so no numpy,
on the commands' hot path).

sqlite-utils stays the library of the schema and its migrations (``store.migrations``); this
module only needs to know their names, to tell cheaply that nothing is left to apply.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

MIGRATION_SET = "studytrack"
"""The name under which studytrack's migrations are recorded in ``_sqlite_migrations``."""

KNOWN_MIGRATIONS = (
    "0001_flags",
    "0002_quiz_attempts",
    "0003_journal",
    "0004_exercise_attempts",
    "0005_reviews",
    "0006_integrity_checks",
    "0007_global_ids",
    "0008_undo_journal",
    "0009_reading_positions",
    "0010_merge_marks",
    "0011_history_aggregates",
    "0012_choice_answer_ids",
)
"""The names of every migration in ``store.migrations.MIGRATIONS``, in order (a test keeps them
equal). A file whose applied migrations are exactly these opens without sqlite-utils; a name
missing here only costs speed: such a file opens through sqlite-utils, which decides."""

Parameters = Sequence[Any] | dict[str, Any]
"""The parameters of one SQL statement: positional (``?``) or named (``:name``)."""


class StoreDatabase(Protocol):
    """The part of a database the store uses: SQL through ``execute``, the raw connection for
    ``executemany``, nested transactions (``atomic``) and ``close``. sqlite-utils' ``Database``
    and ``Connection`` both are one."""

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying ``sqlite3`` connection."""

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""

    def atomic(self) -> AbstractContextManager[object]:
        """One transaction, or a savepoint inside an open one."""

    def close(self) -> None:
        """Close the connection."""


class Connection:
    """A ``StoreDatabase`` on a plain ``sqlite3`` connection, with sqlite-utils' semantics: every
    statement outside an explicit transaction commits at once (the connection runs in
    autocommit mode), ``atomic`` nests through savepoints."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Wrap ``conn``, switching it to autocommit (no implicit ``BEGIN`` before a write) and
        to recursive triggers, as sqlite-utils does (a row replaced fires its delete triggers)."""
        conn.isolation_level = None
        conn.execute("PRAGMA recursive_triggers=ON")
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying ``sqlite3`` connection."""
        return self._conn

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        """Run one statement with ``parameters``."""
        if parameters is None:
            return self._conn.execute(sql)
        return self._conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One transaction (``BEGIN`` … ``COMMIT``, rolled back on error), or a savepoint when one
        is open already."""
        if self._conn.in_transaction:
            savepoint = f"studytrack_{id(self):x}_{_next_savepoint()}"
            self._conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self._conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self._conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self._conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


_savepoints = iter(range(1, 2**63))
"""Numbers that make nested savepoint names unique within the process."""


def _next_savepoint() -> int:
    """A savepoint number not used before in this process."""
    return next(_savepoints)


def has_table(db: StoreDatabase, name: str) -> bool:
    """Whether the database has a table called ``name``."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name])
    return found.fetchone() is not None


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    """The names of studytrack's migrations recorded in the file (none when it has no record)."""
    recorded = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'")
    if recorded.fetchone() is None:
        return set()
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])
    return {row[0] for row in rows}
