"""Nothing the learner waits for grows with their history: today's plan (``due``), the stats view
(``stats``) and Home's overview, in-process, on learners with 1,000,000 and 5,000,000 review logs,
as ratios to the same learner with 100,000 logs (target ≤ 1.2).

Run: python benchmarks/scaling.py [PAIRS] [SIZES…]   e.g. ``scaling.py 7 100000 1000000``
(the default sizes are 100k, 1M and 5M). Each figure is the median (min–max) of PAIRS interleaved
pairs (``_timing.paired_ratio``): one call on the large database next to one on the 100k one.

The databases are built once into ``$STUDYTRACK_BENCH_DIR`` (default ``/tmp/studytrack-scaling``)
and reused by later runs (a finished build leaves ``logs-N.done`` saying how long it took). They
are made by ``review.build_large`` as an old learner's file is upgraded: the store's own
migrations up to ``0007_global_ids``, then 10,000 cards and N review logs and quiz attempts over
two years inserted in bulk (``executemany`` over generators, one transaction, no journal, no sync),
then the remaining migrations, whose back-fills give every row its global id and fill the undo
journal and the running totals (``review_days``, ``activity_buckets``, ``latest_answers``) exactly
as the triggers do one answer at a time. (The earlier builder inserted with every trigger live:
18 minutes for 1M on the loaded 2-core machine; the 100k file it built and the one this builds
hold the same rows and totals.)
"""

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, load_line, paired_ratio, ratio_row, timed
from review import CARDS, NOW, build_large, synthetic_outline

from studytrack.domain.content.course import load_course
from studytrack.paths import bundled_content_dir
from studytrack.store.opening import open_store
from studytrack.store.plan import plan_today
from studytrack.store.progress import overview
from studytrack.store.stats import review_stats

SIZES = (100_000, 1_000_000, 5_000_000)
"""Review logs of the learners compared; the first is the baseline."""

TARGET = 1.2
"""A large learner's time ÷ the 100k learner's."""


def bench_folder() -> Path:
    """Where the scaling databases are built once and kept: ``$STUDYTRACK_BENCH_DIR`` or
    ``/tmp/studytrack-scaling``."""
    folder = Path(os.environ.get("STUDYTRACK_BENCH_DIR", "/tmp/studytrack-scaling"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database(folder: Path, logs: int) -> Path:
    """The learner with ``logs`` review logs, built on first use (a finished build leaves a mark)."""
    path = folder / f"logs-{logs}.db"
    done = folder / f"logs-{logs}.done"
    if not done.exists():
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        started = time.perf_counter()
        build_large(path, synthetic_outline(CARDS), logs)
        done.write_text(f"built in {time.perf_counter() - started:.0f} s on {datetime.now(UTC):%Y-%m-%d}\n")
    return path


def main(pairs: int = PAIRS, sizes: tuple[int, ...] = SIZES) -> None:
    """Build (or reuse) the databases, then time each read on each large one against the baseline."""
    folder = bench_folder()
    paths = {logs: database(folder, logs) for logs in sizes}
    outline = synthetic_outline(CARDS)
    course = load_course(bundled_content_dir())
    stores = {logs: open_store(path, now=NOW) for logs, path in paths.items()}
    reads = {
        "plan_today (due)": lambda db: plan_today(db, outline, NOW),
        "review_stats (stats)": lambda db: review_stats(db, outline, NOW),
        "overview (Home)": lambda db: overview(db, course, NOW),
    }
    base = sizes[0]
    print(f"In-process reads ÷ the same read with {base:,} review logs; {pairs} interleaved pairs; {load_line()}")
    for logs in sizes:
        print(f"  {logs:>9,} logs: {(folder / f'logs-{logs}.done').read_text().strip()}, "
              f"{paths[logs].stat().st_size / 1e6:.0f} MB")
    for name, read in reads.items():
        for logs in sizes[1:]:
            ratio = paired_ratio(timed(lambda read=read: read(stores[base])),
                                 timed(lambda read=read, logs=logs: read(stores[logs])), pairs=pairs)
            print(ratio_row(f"{name}: {logs:,} ÷ {base:,}", ratio, TARGET))
    for store in stores.values():
        store.close()


if __name__ == "__main__":
    chosen = tuple(int(size) for size in sys.argv[2:]) or SIZES
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS, chosen)
