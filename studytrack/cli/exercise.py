"""``studytrack exercise …``: list, show, check, hint, solution and workspace from the command line."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from studytrack.cli.common import echo_json, pass_session
from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.vocabulary import Difficulty, Outcome, choices

if TYPE_CHECKING:
    from studytrack.domain.exercises.model import Exercise
    from studytrack.sandbox.runner import StartedCheck

DIFFICULTY_CHOICES = choices(Difficulty)
"""What ``--difficulty`` accepts (an exercise may offer fewer; it says so)."""

SEED = click.IntRange(0, 2**63 - 1)
"""A seed: a whole number SQLite can store."""

OUTPUT_LINES = 20
"""At most this many lines of a learner's program output are printed in text mode."""

TEXT = Catalog("cli.exercise")


@click.group()
def exercise() -> None:
    """Runnable exercises the engine checks: show one, check answers, hints and solutions."""


def _exercises(session: Session, *, from_outline: bool = False) -> tuple[Exercise, ...]:
    """The course's exercises (read once per course folder). ``from_outline``: for a command that
    opens the database anyway, the course's topics come from the outline cached there
    (``store.outline_cache``) instead of parsing every lesson and quiz file."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import load_exercises  # noqa: PLC0415

    if from_outline:
        # Deferred like the line above: the store, for the commands that open the database.
        from studytrack.store.outline_cache import course_outline  # noqa: PLC0415

        return load_exercises(session.content_dir, course_outline(session.db(), session.content_dir).topic_ids)
    course = session.course()
    return load_exercises(course.root, course.topic_ids)


def _exercise(session: Session, exercise_id: str, *, from_outline: bool = False) -> Exercise:
    """The exercise ``exercise_id``, or exit 2 naming the closest ids (``from_outline``: see
    ``_exercises``)."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import find_exercise  # noqa: PLC0415

    return find_exercise(_exercises(session, from_outline=from_outline), exercise_id)


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
        for item in _exercises(session)
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
    item = _exercise(session, exercise_id)
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
        folder = _workspace_folder(session)
        click.echo(TEXT("your_file", lang, path=folder / item.code.file) if folder else TEXT("no_workspace_yet", lang))
    elif seed is None:
        click.echo(TEXT("same_numbers", lang, seed=instance.seed))
    click.echo(TEXT("check_how", lang, command=_check_command(item, instance.seed, difficulty)))


def _answers_by_name(item: Exercise, given: tuple[str, ...], lang: str) -> dict[str, str]:
    """``--answer NAME=VALUE`` (or a bare ``VALUE`` for a one-answer exercise) as a dict."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import ExerciseError, require_answer_names  # noqa: PLC0415

    answers: dict[str, str] = {}
    for text in given:
        name, separator, value = text.partition("=")
        if not separator:
            if len(item.answers) != 1:
                raise ExerciseError(TEXT("answer_format", lang, exercise=item.id, names=", ".join(item.answer_names)))
            name, value = item.answer_names[0], text
        name = name.strip()
        require_answer_names(item, [name])
        if name in answers:
            raise ExerciseError(TEXT("answer_twice", lang, name=name))
        answers[name] = value
    return answers


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
        started = None if answers else _start_code_check(running)
        _check(session, exercise_id, seed, difficulty, answers, file, as_json, started)


def _start_code_check(running: ExitStack) -> StartedCheck | None:
    """The sandbox's child of a code check, started ahead of its request and ended with
    ``running``; None where no sandbox can run (the check itself says so, for a code exercise)."""
    # Deferred: the sandbox's runner (subprocess, selectors, tempfile); no other command needs it.
    from studytrack.sandbox.runner import SandboxUnavailable, start_check  # noqa: PLC0415

    try:
        return running.enter_context(start_check())
    except SandboxUnavailable:
        return None


def _check(session: Session, exercise_id: str, seed: int | None, difficulty: str, answers: tuple[str, ...],
           file: Path | None, as_json: bool, started: StartedCheck | None) -> None:
    """``exercise check``'s work, with the code check's child already ``started`` (or None)."""
    # Deferred: the store and the checks (numpy, ~100–300 ms); --help never needs them.
    from studytrack.domain.exercises.model import ExerciseError, check_answers, fresh_seed, generate  # noqa: PLC0415
    from studytrack.sandbox.code_check import check_code  # noqa: PLC0415
    from studytrack.store.exercise_attempts import record_exercise_attempt  # noqa: PLC0415

    lang = session.lang
    item = _exercise(session, exercise_id, from_outline=True)
    if item.is_code:
        if answers:
            raise ExerciseError(TEXT("code_takes_file", lang, exercise=item.id))
        path = _code_file(session, item, file)
        seed = fresh_seed() if seed is None else seed
        generate(item, seed, difficulty)  # refuses a difficulty code exercises lack
        result = check_code(item, path, seed, started=started)
    else:
        if file is not None:
            raise ExerciseError(TEXT("file_for_numeric", lang, exercise=item.id))
        if seed is None:
            raise ExerciseError(TEXT("need_seed", lang, exercise=item.id))
        by_name = _answers_by_name(item, answers, lang)
        result = check_answers(generate(item, seed, difficulty), by_name)
    record_exercise_attempt(session.db(), item.id, result.seed, result.raw_answers(), result.outcome, session.now(),
                            difficulty=result.difficulty)
    if as_json:
        echo_json(result.to_json(lang))
        return
    if item.is_code:
        click.echo(TEXT("checked_file", lang, path=path, seed=result.seed))
    click.echo(result.feedback.text(lang))
    if result.output.strip():
        _echo_output(result.output, result.sandbox is not None and result.sandbox.output_truncated, lang)
    if result.outcome not in (Outcome.CORRECT, Outcome.NOT_ATTEMPTED, Outcome.INVALID):
        click.echo(TEXT("stuck", lang, exercise=item.id))


def _echo_output(output: str, cut: bool, lang: str) -> None:
    """The first lines of what a learner's program printed."""
    lines = output.rstrip("\n").splitlines()
    click.echo(TEXT("printed", lang))
    for line in lines[:OUTPUT_LINES]:
        click.echo(f"  | {line}")
    if len(lines) > OUTPUT_LINES:
        click.echo(TEXT("more_output", lang, count=len(lines) - OUTPUT_LINES))
    elif cut:
        click.echo(TEXT("cut_output", lang))


def _workspace_folder(session: Session) -> Path | None:
    """The workspace folder the learner set up, if any."""
    # Deferred: the store imports sqlite-utils (~100 ms). --help and --version never need it.
    from studytrack.store.exercise_attempts import remembered_workspace  # noqa: PLC0415

    return remembered_workspace(session.db())


def _code_file(session: Session, item: Exercise, file: Path | None) -> Path:
    """The learner's file for a code exercise: ``--file``, else the one in the remembered workspace."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import ExerciseError  # noqa: PLC0415

    assert item.code is not None, "only a code exercise has a file"
    if file is None:
        folder = _workspace_folder(session)
        if folder is None:
            raise ExerciseError(TEXT("no_workspace", session.lang))
        file = folder / item.code.file
    if file.exists() and not file.is_file():
        raise ExerciseError(TEXT("not_a_file", session.lang, path=file))
    if not file.is_file():
        raise ExerciseError(TEXT("no_file", session.lang, path=file))
    return file


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
    item = _exercise(session, exercise_id)
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
    item = _exercise(session, exercise_id)
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
    report = write_workspace(_exercises(session), folder)
    remember_workspace(session.db(), folder, session.now())
    click.echo(TEXT("workspace", lang, folder=folder))
    for path in report.written:
        click.echo(TEXT("wrote", lang, name=path.name))
    for path in report.kept:
        click.echo(TEXT("kept", lang, name=path.name))
    click.echo(TEXT("workspace_next", lang))


COMMANDS = (exercise,)
"""The commands this module adds to ``studytrack``."""
