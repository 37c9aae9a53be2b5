"""Today's session at scale, and ``studytrack due --json`` start-up.

1. ``plan_today`` for a learner with 10,000 cards and 1,000,000 review logs (and as many quiz
   attempts), as a ratio to the same learner with 100,000 logs: the plan must not scan the log,
   so the ratio should stay near 1 (target <= 1.5). The databases are ``benchmarks/scaling.py``'s,
   built once and kept (``build_large`` below is what builds them).
2. ``studytrack due --json`` and ``flags --json`` wall time on a learner-sized database, as a
   ratio to ``python -c "import sqlite3, json"`` measured in the same run (target <= 3).

Every figure is the median (min–max) of interleaved pairs (``_timing.paired_ratio``).

The large databases are built in bulk between the store's own migrations (``build_large``); the
60-day learner through the store (``build_learner``), in a temporary folder. Python may cache
bytecode there (``PYTHONPYCACHEPREFIX``) as an installed package would, even
when the environment sets ``PYTHONDONTWRITEBYTECODE``; the baseline runs under the same rules.

Run: python benchmarks/review.py [PAIRS]  (prints a table; the README shows the latest figures).
"""

import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import PAIRS, command_time, environment, load_line, paired_ratio, paired_ratios, ratio_row

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.planning.today import CourseOutline
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.database import APPLICATION_ID, open_database
from studytrack.store.journal import check_in, rate_lesson
from studytrack.store.learner import Learner
from studytrack.store.migrations import MIGRATIONS
from studytrack.store.plan import plan_today
from studytrack.store.settings import day_settings

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""The moment every session is planned at."""

CARDS = 10_000
"""Cards of the large learner."""

TODAY = 30
"""Review logs (and quiz attempts) of the large learner made earlier today, 10 s each."""


def synthetic_outline(cards: int) -> CourseOutline:
    """The bundled course's lessons and topics with ``cards`` + 500 quiz items spread over them."""
    bundled = CourseOutline.of(load_course(bundled_content_dir()))
    sections = [(lesson, topic) for lesson, topics in bundled.lessons for topic in topics]
    items = tuple(
        (f"item-{n:05}", sections[n % len(sections)][1],
         f"{sections[n % len(sections)][0]}#{sections[n % len(sections)][1]}")
        for n in range(cards + 500)
    )
    return CourseOutline(bundled.topic_ids, bundled.lessons, items)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def build_large(path: Path, outline: CourseOutline, logs: int, seed: int = 1) -> None:
    """A learner with ``CARDS`` cards (about 13% due today) and ``logs`` review logs and quiz
    attempts over two years, the latest ``TODAY`` of them today.

    Built as an old learner's file is upgraded: the store's own migrations up to the ones that add
    global ids, undo journal and running totals (``SCHEMA_BEFORE_BULK``), the rows inserted in
    bulk (``executemany`` over generators, one transaction, no journal, no sync: a failed build is
    thrown away), then the remaining migrations, whose back-fills give every row its ``uid`` and
    fill the undo journal, ``review_days``, ``activity_buckets`` and ``latest_answers`` exactly as
    the triggers would have, one answer at a time. The last entries go through the store."""
    rng = random.Random(seed)
    conn = sqlite3.connect(str(path))
    try:
        db = Database(conn, execute_plugins=False)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000", "temp_store=MEMORY",
                       f"application_id={APPLICATION_ID}"):
            conn.execute(f"PRAGMA {pragma}")
        MIGRATIONS.apply(db, stop_before=SCHEMA_BEFORE_BULK)
        with db.atomic():
            card_rows = _insert_history(db, outline, logs, rng)
        MIGRATIONS.apply(db)
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    db = open_database(path)
    if len(card_rows) != CARDS or db.execute("SELECT count(*) FROM review_logs").fetchone()[0] != logs:
        raise RuntimeError(f"{path}: the build is incomplete")
    check_in(Learner(db, fixed_clock(NOW)), day_settings(db).day(NOW), "good")
    rate_lesson(Learner(db, fixed_clock(NOW - timedelta(days=1))), "gradient-descent", "too_hard")
    db.close()


SCHEMA_BEFORE_BULK = "0007_global_ids"
"""The first migration applied after the bulk rows are in (its back-fill and every later one's
run over them)."""


def _insert_history(db: Database, outline: CourseOutline, logs: int, rng: random.Random) -> list[tuple]:
    """Insert the cards, ``logs`` quiz attempts and review logs and 20 flags; returns the cards."""
    card_rows = []
    for item_id, topic, _ in outline.items[:CARDS]:
        stability = rng.uniform(1, 120)
        last = NOW - timedelta(days=rng.uniform(0.5, 1.1 * stability))
        due = last + timedelta(days=max(1, round(stability)))
        previous = iso(last - timedelta(days=stability / 2))
        card_rows.append((item_id, topic, 2, None, stability, rng.uniform(1, 10), iso(due),
                          iso(last), rng.randint(1, 30), rng.randint(0, 4), previous))
    db.conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", card_rows)
    start = NOW - timedelta(days=730)
    step = timedelta(days=729) / (logs - TODAY)  # the history ends the day before
    previous_json = json.dumps(dict(zip(
        ("item_id", "topic_id", "state", "step", "stability", "difficulty", "due",
         "last_review", "reps", "lapses", "created_at"),
        card_rows[0], strict=True)))

    def moment(n: int) -> str:
        today = n - (logs - TODAY)
        return iso(NOW - timedelta(minutes=TODAY - today)) if today >= 0 else iso(start + step * n)

    def seconds(n: int) -> int:
        return 10 if n >= logs - TODAY else 5 + n % 40

    db.conn.executemany(
        "INSERT INTO quiz_attempts (item_id, topic_id, answer, outcome, seconds, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ((card_rows[n % CARDS][0], card_rows[n % CARDS][1], "1",
          "correct" if n % 7 else "incorrect", seconds(n), moment(n)) for n in range(logs)),
    )
    db.conn.executemany(
        "INSERT INTO review_logs (kind, item_id, topic_id, flag_id, rating, outcome, seconds, "
        "elapsed_days, quiz_attempt_id, previous, created_at) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
        (("review" if n % 50 else "practice", card_rows[n % CARDS][0], card_rows[n % CARDS][1],
          3 if n % 7 else 1, "correct" if n % 7 else "incorrect", seconds(n), 3.5, n + 1,
          previous_json, moment(n)) for n in range(logs)),
    )
    for n in range(20):
        db.execute("INSERT INTO flags (topic_id, category, note, created_at, resolved_at) "
                   "VALUES (?, 'math', '', ?, ?)",
                   [outline.topic_ids[n], iso(start + timedelta(days=30 * n)),
                    None if n % 4 == 0 else iso(start + timedelta(days=30 * n + 5))])
    return card_rows


def build_learner(path: Path) -> None:
    """A learner of the bundled course after 60 days of daily study, through the real API."""
    course = load_course(bundled_content_dir())
    items = {item.id: item for item in course.quiz_items}
    rng = random.Random(2)
    db = open_database(path)
    db.execute("PRAGMA synchronous=OFF")
    moment = NOW - timedelta(days=60)
    while moment < NOW:
        check_in(Learner(db, fixed_clock(moment)), day_settings(db).day(moment), "good")
        for item_id in plan_today(db, course, moment).item_ids:
            outcome = "correct" if rng.random() < 0.85 else "incorrect"
            record_answer(db, items[item_id], QuizResult(item_id, outcome, "", None, "1"), moment,
                          seconds=rng.uniform(8, 50))
        moment += timedelta(days=1)
    db.close()


def time_plan(path: Path, outline: CourseOutline) -> tuple:
    """A function timing one ``plan_today`` on the database at ``path``, and that database."""
    db = open_database(path)

    def measure() -> float:
        start = time.perf_counter()
        plan_today(db, outline, NOW)
        return time.perf_counter() - start

    return measure, db


def main(pairs: int = PAIRS) -> None:
    """Build the databases, time both parts in interleaved pairs, print the tables."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        from scaling import bench_folder, database  # the shared databases, built once and kept

        outline = synthetic_outline(CARDS)
        small, db_small = time_plan(database(bench_folder(), 100_000), outline)
        large, db_large = time_plan(database(bench_folder(), 1_000_000), outline)
        plan = plan_today(db_large, outline, NOW)
        scaling = paired_ratio(small, large, pairs=pairs)
        db_small.close()
        db_large.close()
        print(f"plan_today, {CARDS:,} cards ({len(plan.items)} reviews, "
              f"{len(plan.flag_ids)} flags, {len(plan.new_items)} new in today's plan); {load_line()}")
        print(ratio_row("plan_today: 1M review logs ÷ 100k", scaling, 1.5))

        learner = folder / "learner.db"
        build_learner(learner)
        env = environment(pycache=str(folder / "pycache"), STUDYTRACK_DB=str(learner),
                          STUDYTRACK_NOW=NOW.isoformat())
        wall = paired_ratios(
            command_time([python, "-c", "import sqlite3, json"], env),
            {
                "studytrack flags --json": command_time([python, "-m", "studytrack", "flags", "--json"], env),
                "studytrack due --json": command_time([python, "-m", "studytrack", "due", "--json"], env),
            },
            pairs=pairs,
        )
        print()
        for name, ratio in wall.items():
            print(ratio_row(f"{name} ÷ python -c 'import sqlite3, json'", ratio, 3.0))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
