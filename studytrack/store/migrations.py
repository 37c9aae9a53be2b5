"""The schema, as an ordered list of sqlite-utils migrations; a later feature adds one at the end.

Never edit or reorder a migration that has shipped: add a new one.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "studytrack"
"""The name under which studytrack's migrations are recorded in ``_sqlite_migrations``."""

MIGRATIONS = Migrations(MIGRATION_SET)
"""Every migration, in the order it is applied."""

FLAG_CATEGORIES = ("prerequisite", "notation", "intuition", "math", "other")
"""What kind of "I didn't get this" a flag is."""


@MIGRATIONS(name="0001_flags")
def create_flags(db: Database) -> None:
    """Flags: what the learner did not understand, open until resolved with a note."""
    categories = ", ".join(f"'{category}'" for category in FLAG_CATEGORIES)
    db.execute(
        f"""
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            topic_id TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ({categories})),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution_note TEXT
        )
        """
    )
    db.execute("CREATE INDEX flags_open ON flags (resolved_at, created_at)")
    db.execute("CREATE INDEX flags_time ON flags (created_at)")


@MIGRATIONS(name="0002_quiz_attempts")
def create_quiz_attempts(db: Database) -> None:
    """Every quiz check: what was answered, how it went, how long it took, when."""
    db.execute(
        """
        CREATE TABLE quiz_attempts (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            topic_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            outcome TEXT NOT NULL
                CHECK (outcome IN ('correct', 'incorrect', 'not_attempted', 'invalid')),
            seconds REAL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX quiz_attempts_item ON quiz_attempts (item_id, created_at)")
    db.execute("CREATE INDEX quiz_attempts_time ON quiz_attempts (created_at)")


@MIGRATIONS(name="0003_journal")
def create_journal(db: Database) -> None:
    """The learner's own notes on how it goes: check-ins, the long-view goal, lesson ratings,
    and settings."""
    db.execute(
        """
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            condition TEXT NOT NULL CHECK (condition IN ('good', 'okay', 'low')),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX checkins_day ON checkins (day, id)")
    db.execute("CREATE INDEX checkins_time ON checkins (created_at)")
    db.execute(
        """
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE lesson_ratings (
            id INTEGER PRIMARY KEY,
            lesson_id TEXT NOT NULL,
            rating TEXT NOT NULL CHECK (rating IN ('too_easy', 'just_right', 'too_hard')),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX lesson_ratings_lesson ON lesson_ratings (lesson_id, id)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
