"""Commands as the learner types them, as ratios to ``python -c "import sqlite3, json"`` (a program
that could do the same work with the standard library) measured in the same run: ``due --json``,
``flags --json`` (targets ≤ 3), ``stats --json`` and ``quiz check`` (≤ 5), on a learner's database
after 60 days of daily study (named by ``STUDYTRACK_DB``; ``due --json`` also with the database at
the default location, found by platformdirs, as most learners run it); ``--version`` for
information. Then a code exercise checked as the
learner checks it (``exercise check implement-mse-gradient``, the reference solution in the
workspace that ``exercise workspace`` made, the whole sandbox included) as a ratio to
``python -I -c "import numpy"`` (target ≤ 2).

Every command runs as the learner types it: the ``studytrack`` console script (which imports ``re``
and calls ``studytrack.cli:main``) of studytrack installed as the README's Quick start installs it,
``pip install .``: a wheel built from this checkout, installed into a fresh virtual environment
whose dependencies come from this Python's site-packages (a path file); the baselines run on that
environment's Python too. With ``--editable`` the commands run from this environment's own
install instead (the developer's ``pip install -e``: its path file puts the checkout on
``sys.path`` after site-packages, which costs every import of studytrack a little more).

Run: python benchmarks/cli.py [PAIRS] [--editable]  (prints a table; the README shows the latest
figures).
Each figure is the median (min–max) of PAIRS interleaved pairs (default 7).
"""

import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, command_time, environment, load_line, paired_ratios, ratio_row
from review import NOW, build_learner

from studytrack.domain.content.course import load_course
from studytrack.paths import bundled_content_dir

AT_DEFAULT_LOCATION = "due --json, database at the default location"
"""``due --json`` without ``--db`` or ``STUDYTRACK_DB``, as most learners run it: platformdirs
finds the database (``HOME`` and ``XDG_DATA_HOME`` point into the run's folder)."""

TARGETS = {"due --json": 3.0, AT_DEFAULT_LOCATION: 3.0, "flags --json": 3.0, "stats --json": 5.0,
           "quiz check": 5.0, "--version": None}
"""Each command's target, as a ratio to the baseline (None: for information)."""


def typed(name: str) -> list[str]:
    """The arguments of command ``name`` as the learner types them (``quiz check`` answers the
    course's first quiz item)."""
    if name == "quiz check":
        first = load_course(bundled_content_dir()).quiz_items[0].id
        return ["quiz", "check", first, "--answer", "1", "--json"]
    if name == AT_DEFAULT_LOCATION:
        return ["due", "--json"]
    return name.split()


def at_default_location(learner: Path, env: dict[str, str], home: Path) -> dict[str, str]:
    """``env`` without ``STUDYTRACK_DB``, with ``home`` as the home and data folders and a copy of
    the ``learner`` database where platformdirs looks for it there."""
    data = home / ".local" / "share"
    (data / "studytrack").mkdir(parents=True)
    shutil.copyfile(learner, data / "studytrack" / "studytrack.db")
    return {**{name: value for name, value in env.items() if name != "STUDYTRACK_DB"},
            "HOME": str(home), "XDG_DATA_HOME": str(data)}


CODE_EXERCISE = "implement-mse-gradient"
"""The code exercise checked end to end."""

CODE_TARGET = 2.0
"""``exercise check`` of a code exercise ÷ ``python -I -c "import numpy"``."""


def studytrack_command(python: str) -> list[str]:
    """The command a learner types: the console script beside ``python`` (as ``pip install``
    makes it), else ``python -m studytrack``."""
    script = Path(python).parent / "studytrack"
    return [str(script)] if script.is_file() else [python, "-m", "studytrack"]


def install_wheel(python: str, folder: Path) -> str:
    """Build studytrack's wheel from this checkout and install it, without its dependencies, into
    a new virtual environment in ``folder`` whose path file adds ``python``'s site-packages (where
    the dependencies are); that environment's Python."""
    root = Path(__file__).resolve().parents[1]
    wheels = folder / "wheels"
    subprocess.run([python, "-m", "hatchling", "build", "-t", "wheel", "-d", str(wheels)], cwd=root, check=True,
                   capture_output=True)
    venv = folder / "venv"
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
    installed = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "--python", installed, "install", "--quiet", "--no-deps", "--no-index",
                    str(next(wheels.glob("studytrack-*.whl")))], check=True)
    site = subprocess.run([installed, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return installed


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


def main(pairs: int = PAIRS, editable: bool = False) -> None:
    """Build the learner, time each command against the baseline in interleaved pairs, print."""
    with tempfile.TemporaryDirectory() as folder:
        python = sys.executable if editable else install_wheel(sys.executable, Path(folder))
        learner = Path(folder) / "learner.db"
        build_learner(learner)
        env = environment(pycache=str(Path(folder) / "pycache"), STUDYTRACK_DB=str(learner),
                          STUDYTRACK_NOW=NOW.isoformat(), STUDYTRACK_LANG="en")
        baseline = command_time([python, "-c", "import sqlite3, json"], env)
        studytrack = studytrack_command(python)
        home_env = at_default_location(learner, env, Path(folder) / "home")
        candidates = {name: command_time([*studytrack, *typed(name)], home_env if name == AT_DEFAULT_LOCATION else env)
                      for name in TARGETS}
        found = paired_ratios(baseline, candidates, pairs=pairs)
        prepare_workspace(python, Path(folder), env)
        check = ["exercise", "check", CODE_EXERCISE]
        code = paired_ratios(command_time([python, "-I", "-c", "import numpy"], env),
                             {" ".join(check): command_time([*studytrack, *check], env)},
                             pairs=pairs)
    install = "editable install (pip install -e)" if editable else "installed from a wheel (pip install .)"
    print(f"Commands ({' '.join(studytrack)}, {install}) ÷ python -c 'import sqlite3, json'; {pairs} interleaved "
          f"pairs; {load_line()}")
    for name, ratio in found.items():
        print(ratio_row(f"studytrack {name}", ratio, TARGETS[name]))
    print(f"A code exercise checked as the learner runs it ÷ python -I -c 'import numpy'; {load_line()}")
    for name, ratio in code.items():
        print(ratio_row(f"studytrack {name}", ratio, CODE_TARGET))


if __name__ == "__main__":
    numbers = [argument for argument in sys.argv[1:] if argument.isdigit()]
    main(int(numbers[0]) if numbers else PAIRS, editable="--editable" in sys.argv[1:])
