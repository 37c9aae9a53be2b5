"""Command-line start-up: ``studytrack --version`` and ``flags --json`` as ratios to bare Python.

Run: python benchmarks/cli.py  (prints a table; the README shows the latest figures).
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of, environment, wall_time


def main(runs: int = 15) -> None:
    """Time each command interleaved, best of ``runs``, and print the ratios."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        env = environment(
            pycache=str(Path(folder) / "pycache"), STUDYTRACK_DB=str(Path(folder) / "bench.db")
        )
        wall_time([python, "-m", "studytrack", "flag", "loss.zero", "--note", "x"], env)
        timings = best_of(
            runs,
            {
                "python -c pass": lambda: wall_time([python, "-c", "pass"], env),
                "python -c 'import sqlite_utils'": lambda: wall_time(
                    [python, "-c", "import sqlite_utils"], env
                ),
                "studytrack --version": lambda: wall_time(
                    [python, "-m", "studytrack", "--version"], env
                ),
                "studytrack flags --json": lambda: wall_time(
                    [python, "-m", "studytrack", "flags", "--json"], env
                ),
            },
        )
    bare = timings["python -c pass"]
    sqlite = timings["python -c 'import sqlite_utils'"]
    print(f"{'command':<34}{'best ms':>9}{'÷ python':>10}{'÷ sqlite_utils':>16}")
    for name, seconds in timings.items():
        print(f"{name:<34}{seconds * 1000:>9.1f}{seconds / bare:>10.2f}{seconds / sqlite:>16.2f}")


if __name__ == "__main__":
    main()
