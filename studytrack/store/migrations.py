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


EXERCISE_OUTCOMES = ("correct", "incorrect", "not_attempted", "invalid", "diverged", "timeout", "error")
"""What an exercise check can say (``studytrack.domain.exercises.model.OUTCOMES``)."""


@MIGRATIONS(name="0004_exercise_attempts")
def create_exercise_attempts(db: Database) -> None:
    """Every exercise check (which problem, what was answered, how it went), and where the learner's
    code-exercise workspace is."""
    outcomes = ", ".join(f"'{outcome}'" for outcome in EXERCISE_OUTCOMES)
    db.execute(
        f"""
        CREATE TABLE exercise_attempts (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            difficulty TEXT NOT NULL DEFAULT 'normal',
            answers TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ({outcomes})),
            seconds REAL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX exercise_attempts_problem ON exercise_attempts (exercise_id, seed, created_at)")
    db.execute("CREATE INDEX exercise_attempts_time ON exercise_attempts (created_at)")
    db.execute(
        """
        CREATE TABLE exercise_workspace (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="0005_reviews")
def create_reviews(db: Database) -> None:
    """Spaced repetition: an FSRS card per answered quiz item (``cards``), the log of every
    review, practice answer and flag review with what it changed (``review_logs.previous``: the
    card row or the flag's fields before, as JSON; NULL when it created the card), planned
    breaks, and a cache of each course folder's outline (``course_outlines``)."""
    db.execute(
        """
        CREATE TABLE cards (
            item_id TEXT PRIMARY KEY,
            topic_id TEXT NOT NULL,
            state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX cards_due ON cards (due)")
    db.execute("CREATE INDEX cards_topic ON cards (topic_id)")
    db.execute(
        """
        CREATE TABLE review_logs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('review', 'practice', 'flag')),
            item_id TEXT,
            topic_id TEXT NOT NULL,
            flag_id INTEGER,
            rating INTEGER CHECK (rating BETWEEN 1 AND 4),
            outcome TEXT NOT NULL,
            seconds REAL,
            elapsed_days REAL,
            note TEXT,
            quiz_attempt_id INTEGER,
            previous TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX review_logs_time ON review_logs (created_at)")
    db.execute("CREATE INDEX review_logs_item ON review_logs (item_id, id)")
    db.execute("CREATE INDEX review_logs_flag ON review_logs (flag_id, id)")
    db.execute("CREATE INDEX review_logs_kind ON review_logs (kind, id)")
    db.execute(
        """
        CREATE TABLE breaks (
            id INTEGER PRIMARY KEY,
            start_day TEXT NOT NULL,
            end_day TEXT NOT NULL CHECK (end_day >= start_day),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE course_outlines (
            content_dir TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            outline TEXT NOT NULL
        )
        """
    )

