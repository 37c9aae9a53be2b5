"""Commands as the learner types them, as ratios to ``python -c "import sqlite3, json"`` (a program
that could do the same work with the standard library) measured in the same run: ``due --json``,
``flags --json`` (targets ≤ 3), ``stats --json`` and ``quiz check`` (≤ 5), on a learner's database
after 60 days of daily study; ``--version`` for information.

Run: python benchmarks/cli.py [PAIRS]  (prints a table; the README shows the latest figures).
Each figure is the median (min–max) of PAIRS interleaved pairs (default 7).
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, command_time, environment, load_line, paired_ratios, ratio_row
from review import NOW, build_learner

from studytrack.domain.content.course import load_course
from studytrack.paths import bundled_content_dir

TARGETS = {"due --json": 3.0, "flags --json": 3.0, "stats --json": 5.0, "quiz check": 5.0, "--version": None}
"""Each command's target, as a ratio to the baseline (None: for information)."""


def typed(name: str) -> list[str]:
    """The arguments of command ``name`` as the learner types them (``quiz check`` answers the
    course's first quiz item)."""
    if name == "quiz check":
        first = load_course(bundled_content_dir()).quiz_items[0].id
        return ["quiz", "check", first, "--answer", "1", "--json"]
    return name.split()


def main(pairs: int = PAIRS) -> None:
    """Build the learner, time each command against the baseline in interleaved pairs, print."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        learner = Path(folder) / "learner.db"
        build_learner(learner)
        env = environment(pycache=str(Path(folder) / "pycache"), STUDYTRACK_DB=str(learner),
                          STUDYTRACK_NOW=NOW.isoformat(), STUDYTRACK_LANG="en")
        baseline = command_time([python, "-c", "import sqlite3, json"], env)
        candidates = {name: command_time([python, "-m", "studytrack", *typed(name)], env)
                      for name in TARGETS}
        found = paired_ratios(baseline, candidates, pairs=pairs)
    print(f"Commands ÷ python -c 'import sqlite3, json'; {pairs} interleaved pairs; {load_line()}")
    for name, ratio in found.items():
        print(ratio_row(f"studytrack {name}", ratio, TARGETS[name]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
