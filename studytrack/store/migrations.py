"""The schema, as an ordered list of sqlite-utils migrations; a later feature adds one at the end.

Never edit or reorder a migration that has shipped: add a new one. The SQL is frozen text: the
allowed values in its CHECK constraints are written out, not built from ``studytrack.vocabulary``,
so a later change to an enum cannot silently change a shipped migration
(``tests/unit/test_vocabulary.py`` proves the two agree).
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from studytrack.store.choice_ids import record_choice_answers_as_ids
from studytrack.store.connection import MIGRATION_SET

MIGRATIONS = Migrations(MIGRATION_SET)
"""Every migration, in the order it is applied."""

@MIGRATIONS(name="0001_flags")
def create_flags(db: Database) -> None:
    """Flags: what the learner did not understand, open until resolved with a note."""
    db.execute(
        """
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            topic_id TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('prerequisite', 'notation', 'intuition', 'math', 'other')),
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


@MIGRATIONS(name="0004_exercise_attempts")
def create_exercise_attempts(db: Database) -> None:
    """Every exercise check (which problem, what was answered, how it went), and where the learner's
    code-exercise workspace is."""
    db.execute(
        """
        CREATE TABLE exercise_attempts (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            difficulty TEXT NOT NULL DEFAULT 'normal',
            answers TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('correct', 'incorrect', 'not_attempted', 'invalid', 'diverged', 'timeout', 'error')),
            seconds REAL,
            created_at TEXT NOT NULL
        )
        """  # noqa: E501  (the outcome list stays on one line: byte-identical to the shipped SQL)
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
    _create_cards(db)
    _create_review_logs(db)
    _create_breaks_and_outlines(db)


def _create_cards(db: Database) -> None:
    """Part of ``0005_reviews``: the FSRS card of every answered quiz item."""
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


def _create_review_logs(db: Database) -> None:
    """Part of ``0005_reviews``: the log of every review, practice answer and flag review."""
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


def _create_breaks_and_outlines(db: Database) -> None:
    """Part of ``0005_reviews``: planned breaks and the cache of course outlines."""
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


@MIGRATIONS(name="0006_integrity_checks")
def create_integrity_checks(db: Database) -> None:
    """The study days on which ``PRAGMA quick_check`` found the file sound (one row a day, before
    that day's first write where it is cheap: ``store.database.QUICK_CHECK_AT_OPEN_MAX_BYTES``)."""
    db.execute(
        """
        CREATE TABLE integrity_checks (
            day TEXT PRIMARY KEY,
            checked_at TEXT NOT NULL,
            seconds REAL NOT NULL
        )
        """
    )


@MIGRATIONS(name="0007_global_ids")
def add_global_ids(db: Database) -> None:
    """Every record row gets a stable global id (``uid``, UUIDv7 text) so two machines can merge
    their records (``studytrack export`` / ``import``); existing rows are back-filled with an id
    made from their own ``created_at`` and keep every other value. Rows inserted later get their id
    from a trigger. Settings become a log of changes (``setting_changes``: key, value, when) so
    they merge last-writer-wins and the value in force at any past moment is known; imported
    review-log rows are marked (``review_logs.imported``) so ``undo`` never takes them back."""
    # Deferred: the back-fill (with its progress reporting) is only needed once per database.
    from studytrack.store.global_ids import backfill_uids  # noqa: PLC0415

    uid = (
        "substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' "
        "|| substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) "
        "|| '-7' || substr(lower(hex(randomblob(2))), 2, 3) || '-' "
        "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3) "
        "|| '-' || lower(hex(randomblob(6)))"
    )
    for table in GLOBAL_ID_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
    db.execute("ALTER TABLE review_logs ADD COLUMN imported INTEGER NOT NULL DEFAULT 0")
    db.execute(
        """
        CREATE TABLE setting_changes (
            uid TEXT NOT NULL UNIQUE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX setting_changes_key ON setting_changes (key, changed_at, uid)")
    backfill_uids(db, GLOBAL_ID_TABLES)
    db.execute(
        "INSERT INTO setting_changes (uid, key, value, changed_at) "
        f"SELECT {uid}, key, value, '1970-01-01T00:00:00+00:00' FROM settings"
    )
    for table in GLOBAL_ID_TABLES:
        db.execute(f"CREATE UNIQUE INDEX {table}_uid ON {table} (uid)")
        db.execute(
            f"CREATE TRIGGER {table}_uid AFTER INSERT ON {table} FOR EACH ROW WHEN NEW.uid IS NULL "
            f"BEGIN UPDATE {table} SET uid = {uid} WHERE rowid = NEW.rowid; END"
        )
    latest = "(SELECT value FROM setting_changes WHERE key = NEW.key ORDER BY changed_at DESC, uid DESC LIMIT 1)"
    now = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
    for event in ("INSERT", "UPDATE OF value"):
        name = "settings_logged_" + event.split()[0].lower()
        db.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON settings FOR EACH ROW "
            f"WHEN NEW.value IS NOT {latest} "
            f"BEGIN INSERT INTO setting_changes (uid, key, value, changed_at) "
            f"VALUES ({uid}, NEW.key, NEW.value, {now}); END"
        )


GLOBAL_ID_TABLES = (
    "flags", "quiz_attempts", "checkins", "goals", "lesson_ratings", "exercise_attempts", "review_logs", "breaks",
)
"""The record tables whose rows carry a global id (``0007_global_ids``); frozen like the SQL."""


def migration_names() -> list[str]:
    """The name of every migration studytrack knows, in the order they are applied.

    Through sqlite-utils' public API: on an empty database every migration is pending.
    """
    return [migration.name for migration in MIGRATIONS.pending(Database(memory=True))]


@MIGRATIONS(name="0008_undo_journal")
def create_undo_journal(db: Database) -> None:
    """The journal ``studytrack undo`` takes entries back from, newest first (``store.undo``): one
    row per learner entry (a check-in, a goal, a rating, a break planned or cancelled, a flag made,
    edited, deleted or resolved, a review), naming the row it touched and holding what that row
    was before (JSON; NULL when the entry added the row). Review-log rows are journaled by a
    trigger, except imported ones; an import never writes here, and rows it might ever bring
    carry ``imported = 1`` so undo passes them by. Existing learner review-log rows are
    back-filled."""
    db.execute(
        """
        CREATE TABLE undo_journal (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            previous TEXT,
            created_at TEXT NOT NULL,
            imported INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX undo_journal_time ON undo_journal (created_at)")
    db.execute("CREATE INDEX undo_journal_row ON undo_journal (table_name, row_id)")
    db.execute(
        "INSERT INTO undo_journal (kind, table_name, row_id, created_at) "
        "SELECT 'review', 'review_logs', id, created_at FROM review_logs WHERE imported = 0 ORDER BY id"
    )
    db.execute(
        "CREATE TRIGGER review_logs_journaled AFTER INSERT ON review_logs FOR EACH ROW "
        "WHEN NEW.imported = 0 BEGIN INSERT INTO undo_journal (kind, table_name, row_id, created_at) "
        "VALUES ('review', 'review_logs', NEW.id, NEW.created_at); END"
    )
    db.execute(
        "CREATE TRIGGER review_logs_unjournaled AFTER DELETE ON review_logs FOR EACH ROW "
        "BEGIN DELETE FROM undo_journal WHERE table_name = 'review_logs' AND row_id = OLD.id; END"
    )


@MIGRATIONS(name="0009_reading_positions")
def create_reading_positions(db: Database) -> None:
    """Where the learner stopped reading each lesson (the section's index), so reopening it can
    offer to resume there (``store.journal.remember_reading``)."""
    db.execute(
        """
        CREATE TABLE reading_positions (
            lesson_id TEXT PRIMARY KEY,
            section INTEGER NOT NULL CHECK (section >= 0),
            updated_at TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="0010_merge_marks")
def add_merge_marks(db: Database) -> None:
    """What a merge of two machines' records needs besides the ids (``0007_global_ids``): a record
    deleted here (a flag deleted, a break cancelled, an entry undone) leaves its id in
    ``deleted_records`` so an import never brings it back and an export carries the deletion;
    putting the row back (undo) removes the mark. An edited flag remembers when
    (``flags.edited_at``), so the later edit wins a merge. Times come from SQLite's clock."""
    now = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
    db.execute(
        """
        CREATE TABLE deleted_records (
            uid TEXT PRIMARY KEY,
            record_table TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        )
        """
    )
    for table in GLOBAL_ID_TABLES:
        db.execute(
            f"CREATE TRIGGER {table}_deleted AFTER DELETE ON {table} FOR EACH ROW WHEN OLD.uid IS NOT NULL "
            f"BEGIN INSERT OR IGNORE INTO deleted_records (uid, record_table, deleted_at) "
            f"VALUES (OLD.uid, '{table}', {now}); END"
        )
        db.execute(
            f"CREATE TRIGGER {table}_undeleted AFTER INSERT ON {table} FOR EACH ROW WHEN NEW.uid IS NOT NULL "
            f"BEGIN DELETE FROM deleted_records WHERE uid = NEW.uid; END"
        )
    db.execute("ALTER TABLE flags ADD COLUMN edited_at TEXT")
    db.execute(
        "CREATE TRIGGER flags_edited AFTER UPDATE OF topic_id, category, note ON flags FOR EACH ROW "
        f"WHEN NEW.edited_at IS OLD.edited_at BEGIN UPDATE flags SET edited_at = {now} WHERE id = NEW.id; END"
    )


HISTORY_ACTIVITY_SOURCES = (
    ("flags", "1"), ("quiz_attempts", "1"), ("checkins", "1"), ("exercise_attempts", "1"),
    ("review_logs", "{row}.kind = 'flag'"),
)
"""``0011_history_aggregates``: the tables whose rows count as activity, and which of their rows
(``{row}`` is NEW or OLD); frozen like the SQL (``store.activity.ACTIVITY_SOURCES`` agrees)."""


@MIGRATIONS(name="0011_history_aggregates")
def add_history_aggregates(db: Database) -> None:
    """Running totals kept by triggers in the same transaction as each write, so Stats and Home
    read a few rows per day instead of the whole history: ``review_days`` (reviews counted by true
    retention, and how many were recalled, per UTC day) and ``activity_buckets`` (actions per
    10-minute bucket, which lies within one study day for every zone, for the calendar). Every
    insert, delete (undo) and update of a counted row, an import included, moves the totals;
    a restored file carries its own."""
    db.execute("CREATE TABLE review_days (day TEXT PRIMARY KEY, reviews INTEGER NOT NULL, "
               "correct INTEGER NOT NULL) WITHOUT ROWID")
    counted = "{row}.kind = 'review' AND {row}.elapsed_days >= 1"
    add = ("INSERT INTO review_days (day, reviews, correct) SELECT substr(NEW.created_at, 1, 10), 1, "
           f"NEW.rating >= 2 WHERE {counted.format(row='NEW')} ON CONFLICT (day) DO UPDATE SET "
           "reviews = reviews + 1, correct = correct + excluded.correct;")
    remove = ("UPDATE review_days SET reviews = reviews - 1, correct = correct - (OLD.rating >= 2) "
              f"WHERE day = substr(OLD.created_at, 1, 10) AND {counted.format(row='OLD')};")
    db.execute(f"CREATE TRIGGER review_days_insert AFTER INSERT ON review_logs BEGIN {add} END")
    db.execute(f"CREATE TRIGGER review_days_delete AFTER DELETE ON review_logs BEGIN {remove} END")
    db.execute("CREATE TRIGGER review_days_update AFTER UPDATE OF kind, rating, elapsed_days, created_at "
               f"ON review_logs BEGIN {remove} {add} END")
    db.execute(
        "INSERT INTO review_days (day, reviews, correct) SELECT substr(created_at, 1, 10), COUNT(*), "
        "SUM(rating >= 2) FROM review_logs WHERE kind = 'review' AND elapsed_days >= 1 GROUP BY 1"
    )
    db.execute("CREATE TABLE activity_buckets (bucket TEXT PRIMARY KEY, actions INTEGER NOT NULL) WITHOUT ROWID")
    backfill = []
    for table, which in HISTORY_ACTIVITY_SOURCES:
        new, old = which.format(row="NEW"), which.format(row="OLD")
        add = (f"INSERT INTO activity_buckets (bucket, actions) SELECT substr(NEW.created_at, 1, 15), 1 "
               f"WHERE {new} ON CONFLICT (bucket) DO UPDATE SET actions = actions + 1;")
        remove = (f"UPDATE activity_buckets SET actions = actions - 1 "
                  f"WHERE bucket = substr(OLD.created_at, 1, 15) AND {old};")
        db.execute(f"CREATE TRIGGER {table}_activity_insert AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_activity_delete AFTER DELETE ON {table} BEGIN {remove} END")
        columns = "created_at, kind" if table == "review_logs" else "created_at"
        db.execute(f"CREATE TRIGGER {table}_activity_update AFTER UPDATE OF {columns} ON {table} "
                   f"BEGIN {remove} {add} END")
        backfill.append(f"SELECT substr(created_at, 1, 15) AS bucket FROM {table} WHERE {which.format(row=table)}")
    db.execute(f"INSERT INTO activity_buckets (bucket, actions) SELECT bucket, COUNT(*) FROM "
               f"({' UNION ALL '.join(backfill)}) GROUP BY bucket")
    _add_latest_answers(db)


def _add_latest_answers(db: Database) -> None:
    """Part of ``0011_history_aggregates``: ``latest_answers``, each quiz item's latest correct or
    incorrect attempt (the latest ``created_at``, then the highest id), kept by triggers; a
    deleted or changed latest attempt is replaced by the item's next latest, found by its index."""
    db.execute("CREATE TABLE latest_answers (item_id TEXT PRIMARY KEY, attempt_id INTEGER NOT NULL, "
               "topic_id TEXT NOT NULL, outcome TEXT NOT NULL, created_at TEXT NOT NULL)")
    graded = "outcome IN ('correct', 'incorrect')"
    columns = "item_id, attempt_id, topic_id, outcome, created_at"

    def latest_of(item: str) -> str:
        """The statement that puts back the latest graded attempt of ``item`` (an SQL expression)."""
        return (f"INSERT OR REPLACE INTO latest_answers ({columns}) SELECT item_id, id, topic_id, outcome, "
                f"created_at FROM quiz_attempts WHERE item_id = {item} AND {graded} "
                f"ORDER BY created_at DESC, id DESC LIMIT 1;")

    db.execute(
        "CREATE TRIGGER latest_answers_insert AFTER INSERT ON quiz_attempts "
        f"WHEN NEW.{graded} BEGIN "
        f"INSERT INTO latest_answers ({columns}) VALUES (NEW.item_id, NEW.id, NEW.topic_id, NEW.outcome, "
        "NEW.created_at) ON CONFLICT (item_id) DO UPDATE SET attempt_id = excluded.attempt_id, "
        "topic_id = excluded.topic_id, outcome = excluded.outcome, created_at = excluded.created_at "
        "WHERE (excluded.created_at, excluded.attempt_id) > (latest_answers.created_at, latest_answers.attempt_id); "
        "END"
    )
    db.execute(
        "CREATE TRIGGER latest_answers_delete AFTER DELETE ON quiz_attempts WHEN EXISTS "
        "(SELECT 1 FROM latest_answers WHERE item_id = OLD.item_id AND attempt_id = OLD.id) BEGIN "
        f"DELETE FROM latest_answers WHERE item_id = OLD.item_id; {latest_of('OLD.item_id')} END"
    )
    db.execute(
        "CREATE TRIGGER latest_answers_update AFTER UPDATE OF item_id, topic_id, outcome, created_at "
        "ON quiz_attempts BEGIN DELETE FROM latest_answers WHERE item_id IN (OLD.item_id, NEW.item_id); "
        f"{latest_of('OLD.item_id')} {latest_of('NEW.item_id')} END"
    )
    db.execute(
        f"INSERT INTO latest_answers ({columns}) SELECT item_id, id, topic_id, outcome, created_at FROM "
        f"(SELECT *, ROW_NUMBER() OVER (PARTITION BY item_id ORDER BY created_at DESC, id DESC) AS rank "
        f"FROM quiz_attempts WHERE {graded}) WHERE rank = 1"
    )


@MIGRATIONS(name="0012_choice_answer_ids")
def store_choice_answers_as_ids(db: Database) -> None:
    """Recorded answers to choice items become stable choice ids: the course's second edition
    reorders some items' choices, so a stored position ("2") is rewritten as the id of the choice
    it meant then (``studytrack.store.choice_ids``)."""
    record_choice_answers_as_ids(db)
