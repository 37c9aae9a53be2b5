"""``studytrack exercise …``: list, show, check, hint, solution and workspace from the command line."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.cli.exercise_check import (
    course_exercise,
    course_exercises,
    run_check,
    start_code_check,
    workspace_folder,
)
from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.vocabulary import Difficulty, choices

if TYPE_CHECKING:
    from studytrack.domain.exercises.model import Exercise

DIFFICULTY_CHOICES = choices(Difficulty)
"""What ``--difficulty`` accepts (an exercise may offer fewer; it says so)."""

SEED = click.IntRange(0, 2**63 - 1)
"""A seed: a whole number SQLite can store."""

TEXT = Catalog("cli.exercise")


@click.group()
def exercise() -> None:
    """Runnable exercises the engine checks: show one, check answers, hints and solutions."""


@exercise.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def list_exercises(session: Session, as_json: bool) -> None:
    """List the exercises (id, topic, kind, answers, difficulties)."""
    lang = session.lang
    rows = [
        {
            "id": item.id,
            "topic": item.topic,
            "title": item.title.get(lang),
            "kind": "code" if item.is_code else "numeric",
            "answers": list(item.answer_names),
            "difficulties": list(item.difficulties),
        }
        for item in course_exercises(session)
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        kind = TEXT(f"kind_{row['kind']}", lang)
        click.echo(TEXT("list_row", lang, id=row["id"], topic=row["topic"], kind=kind, title=row["title"]))


def _check_command(item: Exercise, seed: int, difficulty: str) -> str:
    """The command that checks an answer to this problem."""
    if item.is_code:
        return f"studytrack exercise check {item.id}"
    parts = [f"studytrack exercise check {item.id} --seed {seed}"]
    if difficulty != "normal":
        parts.append(f"--difficulty {difficulty}")
    parts += [f"--answer {name}=VALUE" for name in item.answer_names]
    return " ".join(parts)


@exercise.command()
@click.argument("exercise_id")
@click.option("--seed", type=SEED, help="Which numbers: the same seed gives the same problem. Default: a new one.")
@click.option("--difficulty", type=click.Choice(DIFFICULTY_CHOICES), default="normal", show_default=True,
              help="easy has fewer points and whole numbers; hard has decimals and traps.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_session
def show(session: Session, exercise_id: str, seed: int | None, difficulty: str, as_json: bool) -> None:
    """Show exercise EXERCISE_ID with its numbers (and the seed that makes them)."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import fresh_seed, generate  # noqa: PLC0415

    lang = session.lang
    item = course_exercise(session, exercise_id)
    instance = generate(item, fresh_seed() if seed is None else seed, difficulty)
    if as_json:
        echo_json(instance.to_json(lang))
        return
    click.echo(TEXT("heading", lang, title=item.title.get(lang), topic=item.topic,
                    difficulty=TEXT(f"difficulty_{difficulty}", lang), seed=instance.seed))
    click.echo()
    click.echo(instance.prompt(lang))
    click.echo()
    if item.code is not None:
        folder = workspace_folder(session)
        click.echo(TEXT("your_file", lang, path=folder / item.code.file) if folder else TEXT("no_workspace_yet", lang))
    elif seed is None:
        click.echo(TEXT("same_numbers", lang, seed=instance.seed))
    click.echo(TEXT("check_how", lang, command=_check_command(item, instance.seed, difficulty)))


@exercise.command()
@click.argument("exercise_id")
@click.option("--seed", type=SEED, help="The seed of the problem (from 'exercise show').")
@click.option("--difficulty", type=click.Choice(DIFFICULTY_CHOICES), default="normal", show_default=True,
              help="The difficulty the problem was shown with.")
@click.option("--answer", "answers", multiple=True, metavar="NAME=VALUE",
              help="One answer; repeat for each. A one-answer exercise also takes --answer VALUE.")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Code exercises: check this file instead of the one in your workspace.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_session
def check(session: Session, exercise_id: str, seed: int | None, difficulty: str, answers: tuple[str, ...],
          file: Path | None, as_json: bool) -> None:
    """Check your answers to EXERCISE_ID (or your file, for a code exercise); the check is recorded."""
    with ExitStack() as running:
        # A check without --answer is a code exercise's: its child starts now, so that its Python
        # and numpy start while this process loads the exercise and numpy (two cores, not one).
        started = None if answers else start_code_check(running)
        run_check(session, exercise_id, seed, difficulty, answers, file, as_json, started, click.echo)


@exercise.command()
@click.argument("exercise_id")
@click.option("--level", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which hint: 1 is the gentlest, each next one says more.")
@pass_session
def hint(session: Session, exercise_id: str, level: int) -> None:
    """Show a hint for EXERCISE_ID, one step of its hint ladder at a time."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import hint as hint_text  # noqa: PLC0415

    lang = session.lang
    item = course_exercise(session, exercise_id)
    text = hint_text(item, level).get(lang)
    click.echo(TEXT("hint", lang, level=level, count=len(item.hints), text=text))
    if level < len(item.hints):
        click.echo(TEXT("next_hint", lang, exercise=item.id, level=level + 1))


@exercise.command()
@click.argument("exercise_id")
@click.option("--seed", type=SEED, help="The seed of the problem you tried.")
@click.option("--difficulty", type=click.Choice(DIFFICULTY_CHOICES), default="normal", show_default=True,
              help="The difficulty of the problem you tried.")
@pass_session
def solution(session: Session, exercise_id: str, seed: int | None, difficulty: str) -> None:
    """Show the worked solution of EXERCISE_ID for a seed, after you have tried it."""
    # Deferred: the store (sqlite-utils) and the checks (numpy) cost ~500 ms; --help never needs them.
    from studytrack.domain.exercises.model import ExerciseError, generate, solution_text  # noqa: PLC0415
    from studytrack.store.exercise_attempts import has_tried  # noqa: PLC0415

    lang = session.lang
    item = course_exercise(session, exercise_id)
    if item.is_code:
        if not has_tried(session.db(), item.id):
            raise ExerciseError(TEXT("try_code_first", lang, exercise=item.id))
        instance = generate(item, 0 if seed is None else seed, difficulty)
    else:
        if seed is None:
            raise ExerciseError(TEXT("need_seed", lang, exercise=item.id))
        instance = generate(item, seed, difficulty)
        if not has_tried(session.db(), item.id, seed, difficulty):
            raise ExerciseError(TEXT("try_first", lang, exercise=item.id, seed=seed))
    if item.is_code:
        click.echo(TEXT("code_solution_heading", lang, title=item.title.get(lang)))
    else:
        click.echo(TEXT("solution_heading", lang, title=item.title.get(lang), seed=instance.seed))
    click.echo()
    click.echo(solution_text(instance, lang))


@exercise.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@pass_session
def workspace(session: Session, directory: Path | None) -> None:
    """Write the code exercises' starter files into DIRECTORY (never over your own) and remember it.

    The default is a folder "workspace" in your data folder.
    """
    # Deferred: the store (sqlite-utils) and the checks (numpy) cost ~500 ms; --help never needs them.
    from studytrack.domain.exercises.workspace import default_workspace, write_workspace  # noqa: PLC0415
    from studytrack.store.exercise_attempts import remember_workspace  # noqa: PLC0415

    lang = session.lang
    folder = (directory or default_workspace()).expanduser().resolve()
    report = write_workspace(course_exercises(session), folder)
    remember_workspace(session.db(), folder, session.now())
    click.echo(TEXT("workspace", lang, folder=folder))
    for path in report.written:
        click.echo(TEXT("wrote", lang, name=path.name))
    for path in report.kept:
        click.echo(TEXT("kept", lang, name=path.name))
    click.echo(TEXT("workspace_next", lang))


COMMANDS = (exercise,)
"""The commands this module adds to ``studytrack``."""
