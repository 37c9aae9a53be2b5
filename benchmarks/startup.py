"""App start-up: time to Home's first frame and peak memory, with a large database, as ratios to a
bare Textual app measured in the same run.

Run: python benchmarks/startup.py [RUNS]  (prints a table; the README shows the latest figures).

Every run is a fresh interpreter started by ``_startup_launcher.py``. "First frame" is the moment
the first screen's first refresh is done; the launcher prints it and exits once the data is
shown, so peak memory (the child's ``ru_maxrss``) covers the database and course loading too.
Runs take turns (bare, studytrack, bare + numpy) and the best time of each is kept; memory is
the median. "Data shown" is when Home has its lessons, flags and calendar filled in (for the bare
apps: their first frame plus one refresh), for information; it has no target.

The database holds 100,000 quiz attempts over 2,000 items (the course's own items first), a
scheduled card for each of those 2,000 items, a review log row for every fourth graded attempt
and some flag reviews, 500 flags and a year of check-ins, written with plain SQL in one
transaction. Home plans today's session from it (``plan_today``) in its worker, after the first
frame.
"""

import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import best_of, environment

HERE = Path(__file__).resolve().parent
"""The benchmarks folder."""

LAUNCHER = HERE / "_startup_launcher.py"
"""Starts one app headless and reports its first frame."""

ITEMS, ATTEMPTS, FLAGS = 2_000, 100_000, 500
"""The size of the large database: quiz items (each with a card), quiz attempts, flags."""

LOGGED_EVERY = 4
"""Every fourth graded attempt also has a review log row (a review, or now and then practice)."""

FLAG_REVIEWS = 200
"""Flag reviews in the log (still confused), spread over the open flags."""

CARD_COLUMNS = ("item_id", "topic_id", "state", "step", "stability", "difficulty", "due",
                "last_review", "reps", "lapses", "created_at")
"""The columns of ``cards`` (``studytrack.store.cards.CARD_COLUMNS``)."""

TARGETS = {"time": 1.25, "memory": 1.5}
"""Start-up time ÷ bare Textual app; peak memory ÷ bare Textual app with numpy."""


def build_database(path: Path) -> None:
    """A learner's database after a long year: attempts, flags, check-ins, goals, ratings."""
    from studytrack.domain.content.course import load_course
    from studytrack.paths import bundled_content_dir
    from studytrack.store.database import open_database

    open_database(path).close()
    course = load_course(bundled_content_dir())
    topics = course.topic_ids
    rng = random.Random(20261128)
    now = datetime.now(UTC)

    def moment(days: int) -> str:
        """A random moment in the last ``days`` days, as stored."""
        return (now - timedelta(seconds=rng.uniform(0, days * 86400))).isoformat(timespec="seconds")

    course_items = [(item.id, item.topic) for item in course.quiz_items]
    items = (course_items + [(f"bench-{n:04d}", topics[n % len(topics)])
                             for n in range(len(course_items), ITEMS)])[:ITEMS]
    outcomes = ["correct"] * 14 + ["incorrect"] * 4 + ["invalid", "not_attempted"]
    attempts = [
        (*items[n % ITEMS], "1", rng.choice(outcomes), round(rng.uniform(4, 90), 1), moment(365))
        for n in range(ATTEMPTS)
    ]

    def iso(value: datetime) -> str:
        """A moment as stored."""
        return value.isoformat(timespec="seconds")

    cards = []
    for item_id, topic in items:
        stability = rng.uniform(1, 120)
        last = now - timedelta(days=rng.uniform(0.5, 1.1 * stability))
        due = last + timedelta(days=max(1, round(stability)))
        cards.append((item_id, topic, 2, None, stability, rng.uniform(1, 10), iso(due), iso(last),
                      rng.randint(1, 30), rng.randint(0, 4), iso(last - timedelta(days=stability))))
    flags = [
        (rng.choice(topics), rng.choice(["prerequisite", "notation", "intuition", "math", "other"]),
         f"bench note {n}", moment(200))
        for n in range(FLAGS)
    ]
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO quiz_attempts (item_id, topic_id, answer, outcome, seconds, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            attempts,
        )
        conn.executemany(
            "INSERT INTO flags (topic_id, category, note, created_at) VALUES (?, ?, ?, ?)", flags
        )
        conn.executemany(
            f"INSERT INTO cards ({', '.join(CARD_COLUMNS)}) VALUES ({', '.join('?' for _ in CARD_COLUMNS)})",
            cards,
        )
        previous = json.dumps(dict(zip(CARD_COLUMNS, cards[0], strict=True)))
        graded = conn.execute(
            "SELECT id, item_id, topic_id, outcome, seconds, created_at FROM quiz_attempts "
            "WHERE outcome IN ('correct', 'incorrect') AND id % ? = 0", [LOGGED_EVERY]
        ).fetchall()
        conn.executemany(
            "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, seconds, elapsed_days, "
            "quiz_attempt_id, previous, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [("practice" if number % 25 == 0 else "review", item_id, topic, 3 if outcome == "correct" else 1,
              outcome, seconds, round(rng.uniform(0.5, 60), 2), attempt_id, previous, created_at)
             for number, (attempt_id, item_id, topic, outcome, seconds, created_at) in enumerate(graded)],
        )
        open_flags = conn.execute("SELECT id, topic_id, created_at FROM flags WHERE id % 5 != 0").fetchall()
        conn.executemany(
            "INSERT INTO review_logs (kind, topic_id, flag_id, outcome, seconds, note, created_at) "
            "VALUES ('flag', ?, ?, 'still_confused', ?, '', ?)",
            [(topic, flag_id, round(rng.uniform(40, 300), 1), created_at)
             for flag_id, topic, created_at in rng.sample(open_flags, min(FLAG_REVIEWS, len(open_flags)))],
        )
        conn.execute(
            "UPDATE flags SET resolved_at = created_at, resolution_note = 'clicked' WHERE id % 5 = 0"
        )
        conn.executemany(
            "INSERT INTO checkins (day, condition, created_at) VALUES (?, ?, ?)",
            [((now - timedelta(days=d)).date().isoformat(), rng.choice(["good", "okay", "low"]),
              (now - timedelta(days=d)).isoformat(timespec="seconds")) for d in range(0, 365, 2)],
        )
        conn.execute("INSERT INTO goals (text, created_at) VALUES (?, ?)",
                     ["ship a small classifier my team uses", now.isoformat(timespec="seconds")])
        conn.execute("INSERT INTO lesson_ratings (lesson_id, rating, created_at) VALUES (?, ?, ?)",
                     ["how-to-study", "just_right", now.isoformat(timespec="seconds")])
    conn.close()


def launch(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds from starting ``args`` to its first frame and to its data shown, and its peak
    memory in KiB."""
    start = time.time()
    process = subprocess.Popen([sys.executable, str(LAUNCHER), *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or "FIRST_FRAME" not in output:
        raise RuntimeError(f"{args} failed ({process.returncode}): {output!r}")
    first_frame = float(output.split("FIRST_FRAME", 1)[1].split()[0])
    loaded = float(output.split("LOADED", 1)[1].split()[0])
    return first_frame - start, loaded - start, usage.ru_maxrss


def main(runs: int = 15) -> None:
    """Measure the three launches interleaved and print times, memory and the ratios."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "large.db"
        # In a child: this process must stay small, since a child's ru_maxrss starts from the
        # memory of the process that spawned it.
        subprocess.run([sys.executable, __file__, "--build", str(db_path)], check=True)
        # Compiled modules cached as an installed package has them (in the temporary folder, so
        # the checkout stays clean); the warm-up runs fill the cache for every launch alike.
        env = environment(pycache=str(Path(folder) / "pycache"), TZ="UTC", STUDYTRACK_LANG="en")
        commands = {
            "bare Textual app": ["bare"],
            "studytrack → Home": ["studytrack", str(db_path)],
            "bare Textual app + numpy": ["bare-numpy"],
        }
        memory: dict[str, list[int]] = {name: [] for name in commands}
        shown: dict[str, list[float]] = {name: [] for name in commands}

        def measure(name: str):
            """A timing function for launch ``name`` that also keeps its memory and data time."""
            def run() -> float:
                """One launch; returns seconds to the first frame."""
                seconds, loaded, peak = launch(commands[name], env)
                memory[name].append(peak)
                shown[name].append(loaded)
                return seconds

            return run

        best = best_of(runs, {name: measure(name) for name in commands})
    peak = {name: statistics.median(values) / 1024 for name, values in memory.items()}
    time_ratio = best["studytrack → Home"] / best["bare Textual app"]
    memory_ratio = peak["studytrack → Home"] / peak["bare Textual app + numpy"]
    print(f"Large database: {ATTEMPTS:,} quiz attempts over {ITEMS:,} items, {ITEMS:,} cards, "
          f"{FLAGS} flags; best of {runs} interleaved runs.")
    print(f"{'launch':<28}{'first frame ms':>16}{'data shown ms':>15}{'peak MiB':>11}")
    for name in commands:
        print(f"{name:<28}{best[name] * 1000:>16.1f}{min(shown[name]) * 1000:>15.1f}{peak[name]:>11.1f}")
    print()
    print(f"{'ratio':<52}{'value':>7}{'target':>8}  met")
    rows = [
        ("first frame: studytrack ÷ bare Textual app", time_ratio, TARGETS["time"]),
        ("peak memory: studytrack ÷ (bare Textual app + numpy)", memory_ratio, TARGETS["memory"]),
    ]
    for label, value, target in rows:
        print(f"{label:<52}{value:>7.2f}{'≤ ' + str(target):>8}  {'yes' if value <= target else 'NO'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_database(Path(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
