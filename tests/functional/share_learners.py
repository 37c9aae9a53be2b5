"""Learners for the share and cohort tests: each a database filled through the real commands (and
the journal for lesson ratings), then shared with ``studytrack share --yes``."""

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from studytrack.cli import cli
from studytrack.clock import fixed_clock
from studytrack.store.database import open_database
from studytrack.store.journal import rate_lesson
from studytrack.store.learner import Learner

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""When the learners study and share."""

HOSTILE_NOTE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> why is L = 0 only at y = ŷ?'
"""A flag note that would run script if the report did not escape it."""


def run(db_path: Path, *args: str, lang: str = "en"):
    """``studytrack --db DB_PATH ARGS`` in-process, with the fixed clock; fails the test on an error."""
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--lang", lang, *args], obj={"clock": fixed_clock(NOW)})
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def seed_learner(
    db_path: Path,
    *,
    quiz: dict[str, str] | None = None,
    exercises: tuple[tuple[str, int, str], ...] = (),
    flags: tuple[tuple[str, str, str, str | None], ...] = (),
    ratings: dict[str, str] | None = None,
) -> Path:
    """Fill a learner's database: quiz answers (item → answer), exercise checks (id, seed,
    ``NAME=VALUE``), flags (topic, category, note, resolution note or None), lesson ratings."""
    for item, answer in (quiz or {}).items():
        run(db_path, "quiz", "check", item, "--answer", answer)
    for exercise, seed, answer in exercises:
        run(db_path, "exercise", "check", exercise, "--seed", str(seed), "--answer", answer)
    for topic, category, note, resolution in flags:
        flag_id = int(run(db_path, "flag", topic, "--category", category, "--note", note, "--json")
                      .output.split('"id": ')[1].split(",")[0])
        if resolution is not None:
            run(db_path, "resolve", str(flag_id), "--note", resolution)
    if ratings:
        db = open_database(db_path)
        try:
            for lesson, rating in ratings.items():
                rate_lesson(Learner(db, fixed_clock(NOW)), lesson, rating)
        finally:
            db.close()
    return db_path


def share(db_path: Path, out: Path, *extra: str) -> Path:
    """``studytrack share --yes --out OUT`` for the learner of ``db_path``."""
    run(db_path, "share", "--yes", "--out", str(out), *extra)
    return out


def class_of_learners(folder: Path) -> list[Path]:
    """Four learners with something in every part of the report, one of them sharing a hostile note;
    their share files (with notes) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    plans = [
        dict(quiz={"gd-idea-foggy-mountain": "follow-gradient", "gd-idea-negative-gradient": "true"},
             exercises=(("mse-by-hand", 5, "loss=21.75"), ("mse-by-hand", 5, "loss=4.35")),
             flags=(("gd.learning-rate", "intuition", "why does a big α oscillate?", None),
                    ("loss.zero", "notation", HOSTILE_NOTE, None)),
             ratings={"loss-function": "too_hard", "gradient-descent": "just_right"}),
        dict(quiz={"gd-idea-foggy-mountain": "follow-gradient", "gd-idea-negative-gradient": "false"},
             exercises=(("mse-by-hand", 5, "loss=21.75"),),
             flags=(("gd.learning-rate", "intuition", "what is a hyper-parameter?", "the playground"),),
             ratings={"loss-function": "too_hard", "gradient-descent": "too_easy"}),
        dict(quiz={"gd-idea-foggy-mountain": "step-downhill"},
             exercises=(("mse-by-hand", 5, "loss=4.35"),),
             flags=(("opt.saddle", "math", "Hessian?", None),),
             ratings={"loss-function": "just_right"}),
        dict(quiz={"gd-idea-foggy-mountain": "survey-first"}, ratings={"how-to-study": "too_easy"}),
    ]
    return [share(seed_learner(folder / f"learner{index}.db", **plan), folder / f"share-{index}.json", "--with-notes")
            for index, plan in enumerate(plans)]
