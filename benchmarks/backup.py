"""Backups, export and import at scale: a learner with N review logs (default 1,000,000, as many
quiz attempts, 10,000 cards).

1. Backup through SQLite's online backup API (``store.backup.copy_database``, in-process, and
   ``studytrack backup PATH`` as a learner runs it) ÷ ``sqlite3 DB ".backup X"`` of the same file
   (target ≤ 2).
2. The first command of a study day (``studytrack flags --json``, which then checks the file and
   makes the day's automatic backup) ÷ the same command later that day (no backup due).
3. ``export`` (``store.transfer.export_lines`` to a file) ÷ a plain dump of the same rows
   (``SELECT`` + ``json.dumps`` per row) (target ≤ 3).
4. ``import`` of that export into an empty database ÷ a plain load of the dumped rows
   (``json.loads`` per line + ``executemany`` in one transaction) (target ≤ 3).
5. The import's FSRS replay, reported apart: replaying every card's log as an import does
   (settings in force at each review, ``domain.records.replay``) ÷ ``fsrs`` reviewing the same
   log alone.

Each figure is the median ratio of interleaved pairs (``--pairs``, default 7; the replay takes
half as many, at least 3) with min–max. ``--source DB`` copies a database instead of building one
(e.g. the 1M one ``benchmarks/scaling.py`` built; the original is never touched);
``--backup-only`` measures rows 1–2, ``--transfer-only`` rows 3–5.
Run: python benchmarks/backup.py [--reviews N | --source DB] [--pairs K] [--backup-only | --transfer-only]
(needs the sqlite3 command).
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import environment, paired_ratio
from fsrs import Card, Rating, State

from studytrack.domain.planning.schedule import card_id_for, scheduler
from studytrack.domain.records.global_ids import uuid7
from studytrack.domain.records.replay import replay_card
from studytrack.store.backup import copy_database
from studytrack.store.card_replay import SettingHistory, logged_ratings
from studytrack.store.database import backups_folder, immediate, open_database
from studytrack.store.transfer import export_lines, import_records

ITEMS = 10_000
START = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


def build(path: Path, reviews: int) -> None:
    """A learner with ``reviews`` card reviews (each with its quiz attempt) over ``ITEMS`` items."""
    db = open_database(path)
    rng = random.Random(7)
    per_item = max(reviews // ITEMS, 1)
    with immediate(db):
        attempts, logs, cards = [], [], []
        for item in range(ITEMS):
            moment = START + timedelta(minutes=item)
            for step in range(per_item):
                at = (moment + timedelta(days=2 * step)).isoformat(timespec="seconds")
                rating = 3 if rng.random() < 0.85 else 1
                attempt = len(attempts) + 1
                attempts.append((attempt, uuid7(), f"item-{item}", f"topic-{item % 40}", "1",
                                 "correct" if rating == 3 else "incorrect", 9.5, at))
                logs.append((uuid7(), "review", f"item-{item}", f"topic-{item % 40}", rating,
                             "correct" if rating == 3 else "incorrect", 9.5, 2.0, attempt, at))
            cards.append((f"item-{item}", f"topic-{item % 40}", 2, None, 30.0, 5.0,
                          (moment + timedelta(days=2 * per_item + 30)).isoformat(timespec="seconds"),
                          at, per_item, 0, moment.isoformat(timespec="seconds")))
        db.conn.executemany("INSERT INTO quiz_attempts (id, uid, item_id, topic_id, answer, outcome, seconds, "
                            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", attempts)
        db.conn.executemany("INSERT INTO review_logs (uid, kind, item_id, topic_id, rating, outcome, seconds, "
                            "elapsed_days, quiz_attempt_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", logs)
        db.conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def pairs(count: int, ours: Callable[[], float], baseline: Callable[[], float]) -> tuple[float, float, float, float]:
    """(median ratio, min, max, median seconds of ours) over ``count`` interleaved pairs
    (``_timing.paired_ratio``, the helper every benchmark shares)."""
    ratio = paired_ratio(baseline, ours, pairs=count, warmup=0)
    return ratio.median, ratio.low, ratio.high, ratio.candidate_seconds


def fresh(folder: Path, name: str) -> Path:
    """A path in ``folder`` with nothing at it (removed with its -wal and -shm)."""
    path = folder / name
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    return path


def plain_dump(db_path: Path, out: Path) -> None:
    """The baseline export: every row of the exported tables as one JSON array a line."""
    with sqlite3.connect(db_path) as conn, out.open("w", encoding="utf-8") as handle:
        for table in ("quiz_attempts", "review_logs", "cards"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                handle.write(json.dumps([table, *row]) + "\n")


def plain_load(dump: Path, target: Path) -> None:
    """The baseline import: the dumped rows inserted as they are, in one transaction."""
    db = open_database(target)
    batches: dict[str, list[list[object]]] = {}
    with immediate(db), dump.open(encoding="utf-8") as handle:
        for line in handle:
            table, *row = json.loads(line)
            batch = batches.setdefault(table, [])
            batch.append(row)
            if len(batch) >= 2000:
                db.conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", batch)
                batch.clear()
        for table, batch in batches.items():
            if batch:
                db.conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(batch[0]))})", batch)
    db.close()


def our_export(db_path: Path, out: Path) -> None:
    """``studytrack export --out`` without the process start."""
    db = open_database(db_path)
    with out.open("w", encoding="utf-8") as handle:
        for line in export_lines(db, "bench", "2026-01-01T00:00:00+00:00"):
            handle.write(line + "\n")
    db.close()


def our_import(export: Path, target: Path) -> None:
    """``studytrack import`` without the process start."""
    db = open_database(target)
    with export.open(encoding="utf-8") as handle:
        import_records(db, handle)
    db.close()


def replay_all(db_path: Path, items: list[str]) -> None:
    """What an import does for every card with new reviews: read its log and replay it."""
    db = open_database(db_path)
    history = SettingHistory(db)
    for item in items:
        replay_card(item, "t", logged_ratings(db, item, history))
    db.close()


def fsrs_alone(logs: dict[str, list[tuple[datetime, int]]]) -> None:
    """fsrs reviewing the same log, nothing else."""
    chosen = scheduler()
    for item, entries in logs.items():
        card = Card(card_id=card_id_for(item), state=State.Learning, step=0, due=entries[0][0])
        for at, rating in entries:
            card, _ = chosen.review_card(card, Rating(rating), review_datetime=at)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--source", type=Path, help="copy this studytrack database instead of building one "
                        "(e.g. one benchmarks/scaling.py built)")
    parser.add_argument("--backup-only", action="store_true", help="measure the two backup rows only")
    parser.add_argument("--transfer-only", action="store_true",
                        help="measure the export, import and replay rows only")
    args = parser.parse_args()
    sqlite_cli = shutil.which("sqlite3")
    if sqlite_cli is None:
        sys.exit("the sqlite3 command is needed: apt-get install sqlite3")
    folder = Path(tempfile.mkdtemp(prefix="studytrack-bench-"))
    source = folder / "data" / "studytrack.db"
    source.parent.mkdir()
    started = time.perf_counter()
    if args.source is not None:
        shutil.copyfile(args.source, source)
        args.reviews = sqlite3.connect(source).execute("SELECT COUNT(*) FROM review_logs").fetchone()[0]
    else:
        build(source, args.reviews)
    size = source.stat().st_size
    print(f"built {args.reviews:,} reviews, {size / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s; "
          f"{os.cpu_count()} cores; SQLite {sqlite3.sqlite_version}")
    env = environment(str(folder / "pycache"))
    rows: list[tuple[str, tuple[float, float, float, float]]] = []
    if not args.transfer_only:
        rows += backup_rows(args, folder, source, sqlite_cli, env)
    if args.backup_only:
        _print_rows(rows)
        shutil.rmtree(folder, ignore_errors=True)
        return
    rows += transfer_rows(args.pairs, folder, source)
    _print_rows(rows)
    shutil.rmtree(folder, ignore_errors=True)


def backup_rows(args: argparse.Namespace, folder: Path, source: Path, sqlite_cli: str,
                env: dict[str, str]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Rows 1 and 2: the backups (and, unless ``--backup-only``, the first command of a day)."""
    studytrack = [sys.executable, "-m", "studytrack", "--db", str(source)]
    rows = []

    def sqlite_backup() -> float:
        target = fresh(folder, "cli.db")
        return timed(lambda: subprocess.run([sqlite_cli, str(source), f".backup {target}"], check=True))

    rows.append(("backup: copy_database (in-process) ÷ sqlite3 .backup",
                 pairs(args.pairs, lambda: timed(lambda: copy_database(source, fresh(folder, "ours.db"))),
                       sqlite_backup)))
    rows.append(("backup: `studytrack backup PATH` ÷ sqlite3 .backup",
                 pairs(args.pairs, lambda: timed(lambda: subprocess.run(
                     [*studytrack, "backup", str(fresh(folder, "cmd.db"))], check=True, env=env,
                     stdout=subprocess.DEVNULL)), sqlite_backup)))
    if args.backup_only:
        return rows

    days = iter(range(1, 10_000))

    def flags_at(moment: datetime) -> float:
        moment_env = {**env, "STUDYTRACK_NOW": moment.isoformat()}
        return timed(lambda: subprocess.run([*studytrack, "flags", "--json"], check=True, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, env=moment_env))

    def first_of_day() -> float:
        shutil.rmtree(backups_folder(source), ignore_errors=True)
        return flags_at(START + timedelta(days=400 + next(days), hours=2))

    def later_that_day() -> float:
        day = START + timedelta(days=400 + next(days), hours=2)
        flags_at(day)
        return flags_at(day + timedelta(hours=3))

    rows.append(("first command of a study day (check + automatic backup) ÷ a later command that day",
                 pairs(args.pairs, first_of_day, later_that_day)))
    shutil.rmtree(backups_folder(source), ignore_errors=True)
    return rows


def transfer_rows(count: int, folder: Path, source: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Rows 3 to 5: export, import and the import's FSRS replay, each against its baseline."""
    rows = []
    exported, dumped = folder / "export.jsonl", folder / "dump.jsonl"
    rows.append(("export ÷ plain SELECT + json.dumps of the same rows",
                 pairs(count, lambda: timed(lambda: our_export(source, exported)),
                       lambda: timed(lambda: plain_dump(source, dumped)))))
    rows.append(("import into an empty database ÷ plain json.loads + executemany of the same rows",
                 pairs(count, lambda: timed(lambda: our_import(exported, fresh(folder, "imported.db"))),
                       lambda: timed(lambda: plain_load(dumped, fresh(folder, "loaded.db"))))))

    with sqlite3.connect(source) as conn:
        logs: dict[str, list[tuple[datetime, int]]] = {}
        for item, at, rating in conn.execute("SELECT item_id, created_at, rating FROM review_logs "
                                             "WHERE kind = 'review' ORDER BY created_at, uid"):
            logs.setdefault(item, []).append((datetime.fromisoformat(at), rating))
    rows.append(("import's FSRS replay of every card ÷ fsrs reviewing the same log alone",
                 pairs(max(3, count // 2), lambda: timed(lambda: replay_all(source, list(logs))),
                       lambda: timed(lambda: fsrs_alone(logs)))))
    return rows


def _print_rows(rows: list[tuple[str, tuple[float, float, float, float]]]) -> None:
    """One line per measure: median, min–max of the per-pair ratios, and our median seconds."""
    print(f"{'measure':<92} {'median':>7} {'min–max':>13} {'ours (s)':>9}")
    for name, (median, low, high, seconds) in rows:
        print(f"{name:<92} {median:7.2f} {low:6.2f}–{high:<6.2f} {seconds:9.2f}")


if __name__ == "__main__":
    main()
