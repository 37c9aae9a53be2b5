"""Commands as the learner types them, as ratios to ``python -c "import sqlite3, json"`` (a program
that could do the same work with the standard library) measured in the same run: ``due --json``,
``flags --json`` (targets ≤ 3), ``stats --json`` and ``quiz check`` (≤ 5), on a learner's database
after 60 days of daily study; ``--version`` for information. Then a code exercise checked as the
learner checks it (``exercise check implement-mse-gradient``, the reference solution in the
workspace that ``exercise workspace`` made, the whole sandbox included) as a ratio to
``python -I -c "import numpy"`` (target ≤ 2).

Run: python benchmarks/cli.py [PAIRS]  (prints a table; the README shows the latest figures).
Each figure is the median (min–max) of PAIRS interleaved pairs (default 7).
"""

import shutil
import subprocess
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


CODE_EXERCISE = "implement-mse-gradient"
"""The code exercise checked end to end."""

CODE_TARGET = 2.0
"""``exercise check`` of a code exercise ÷ ``python -I -c "import numpy"``."""


def prepare_workspace(python: str, folder: Path, env: dict[str, str]) -> None:
    """Make the learner's workspace with ``exercise workspace`` and put the reference solution of
    ``CODE_EXERCISE`` in its file, as a learner who solved it would have."""
    workspace = folder / "workspace"
    subprocess.run([python, "-m", "studytrack", "exercise", "workspace", str(workspace)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    exercise = next(item for item in load_exercises_of_course() if item.id == CODE_EXERCISE)
    assert exercise.code is not None
    shutil.copyfile(exercise.code.solution, workspace / exercise.code.file)


def load_exercises_of_course() -> tuple:
    """The bundled course's exercises."""
    from studytrack.domain.exercises.model import load_exercises  # numpy: only this benchmark's part needs it

    course = load_course(bundled_content_dir())
    return load_exercises(course.root, course.topic_ids)


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
        prepare_workspace(python, Path(folder), env)
        check = ["exercise", "check", CODE_EXERCISE]
        code = paired_ratios(command_time([python, "-I", "-c", "import numpy"], env),
                             {" ".join(check): command_time([python, "-m", "studytrack", *check], env)},
                             pairs=pairs)
    print(f"Commands ÷ python -c 'import sqlite3, json'; {pairs} interleaved pairs; {load_line()}")
    for name, ratio in found.items():
        print(ratio_row(f"studytrack {name}", ratio, TARGETS[name]))
    print(f"A code exercise checked as the learner runs it ÷ python -I -c 'import numpy'; {load_line()}")
    for name, ratio in code.items():
        print(ratio_row(f"studytrack {name}", ratio, CODE_TARGET))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
