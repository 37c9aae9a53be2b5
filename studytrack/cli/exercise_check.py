"""``exercise check``'s work without click, shared by the click command (``cli.exercise``) and the
fast path of a code check (``answer``), and the helpers the other ``exercise`` commands share.

A code check spends most of its time in its child: starting Python and importing numpy
(``early_check`` starts it first thing). Once the test cases of a code exercise are kept
(``code_plans``), the parent needs neither numpy nor click, which cost about as much CPU as the
child's own start on a machine whose two cores are busy. So the entry point asks ``answer`` before
the click group: when the arguments are exactly ::

    [--db PATH] [--content DIR] [--lang en|ko] exercise check EXERCISE_ID [--file PATH] [--json]

(global options as ``cli.fast`` reads them, the command's options in any order, each once) and
the exercise's test cases are kept, the check runs here; every other argument list (another
option, ``--help``, a numeric exercise, a code exercise whose test cases are not kept yet) goes to
click untouched. Both paths run ``run_check`` inside the same error handling (``fast.run_in_session``
is the group's), so stdout, stderr and the exit status are the same byte for byte.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from studytrack.cli import global_options
from studytrack.cli.early_check import take_started
from studytrack.cli.fast import (
    click_path,
    echo,
    message_language,
    plain_streams,
    run_in_session,
    session_of,
    session_paths,
)
from studytrack.cli.lines import json_text
from studytrack.domain.exercises.code_plans import (
    CodeExerciseFacts,
    cached_plan,
    can_keep_plans,
    has_plans,
    keep_plans,
    pool_seeds,
)
from studytrack.domain.exercises.results import ExerciseError
from studytrack.i18n import Catalog
from studytrack.session import Session
from studytrack.store.exercise_attempts import record_exercise_attempt, remembered_workspace
from studytrack.vocabulary import Outcome

if TYPE_CHECKING:
    from studytrack.domain.exercises.judging import CasePlan
    from studytrack.domain.exercises.model import Exercise
    from studytrack.domain.exercises.results import CheckResult
    from studytrack.sandbox.runner import StartedCheck

Echo = Callable[[str], None]
"""Writes one line of a command's output (``click.echo``, or ``plain_echo`` on the fast path)."""

TEXT = Catalog("cli.exercise")

OUTPUT_LINES = 20
"""At most this many lines of a learner's program output are printed in text mode."""

POOL_SECONDS = 0.08
"""How long the first check of a code exercise may spend computing the pool of plans it keeps
(the child is starting meanwhile): all ``code_plans.POOL_SIZE`` of the MSE gradient's, about ten of
the descent's."""


def course_exercises(session: Session, *, from_outline: bool = False) -> tuple[Exercise, ...]:
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


def course_exercise(session: Session, exercise_id: str, *, from_outline: bool = False) -> Exercise:
    """The exercise ``exercise_id``, or exit 2 naming the closest ids (``from_outline``: see
    ``course_exercises``)."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import find_exercise  # noqa: PLC0415

    return find_exercise(course_exercises(session, from_outline=from_outline), exercise_id)


def _answers_by_name(item: Exercise, given: tuple[str, ...], lang: str) -> dict[str, str]:
    """``--answer NAME=VALUE`` (or a bare ``VALUE`` for a one-answer exercise) as a dict."""
    # Deferred: the exercise checks import numpy (~400 ms). --help and --version never need it.
    from studytrack.domain.exercises.model import require_answer_names  # noqa: PLC0415

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


def start_code_check(running: ExitStack) -> StartedCheck | None:
    """The sandbox's child of a code check, started ahead of its request (by the entry point,
    ``early_check``, when it could, else now) and ended with ``running``; None where no sandbox can
    run (the check itself says so, for a code exercise)."""
    early = take_started()
    if early is not None:
        return running.enter_context(early)
    # Deferred: the sandbox's runner (subprocess, selectors, tempfile); no other command needs it.
    from studytrack.sandbox.runner import SandboxUnavailable, start_check  # noqa: PLC0415

    try:
        return running.enter_context(start_check())
    except SandboxUnavailable:
        return None


def run_check(session: Session, exercise_id: str, seed: int | None, difficulty: str, answers: tuple[str, ...],
              file: Path | None, as_json: bool, started: StartedCheck | None, echo: Echo,
              kept: tuple[CodeExerciseFacts, CasePlan] | None = None) -> None:
    """``exercise check``'s work, with the code check's child already ``started`` (or None), its
    lines written with ``echo``; ``kept``: the kept plan of a code exercise, already read."""
    if kept is None and not answers and difficulty == "normal":
        kept = cached_plan(session.content_dir, exercise_id, seed)
    path: Path | None
    if kept is not None:  # a code exercise whose plan is kept: no numpy in this process
        facts, plan = kept
        path = _code_file(session, facts.file, file)
        result = _run_planned(facts, plan, path, started, session.db_path)
    else:
        result, path = _check_computed(session, exercise_id, seed, difficulty, answers, file, started)
    record_exercise_attempt(session.db(), result.exercise, result.seed, result.raw_answers(), result.outcome,
                            session.now(), difficulty=result.difficulty)
    lang = session.lang
    if as_json:
        echo(json_text(result.to_json(lang)))
        return
    if path is not None:
        echo(TEXT("checked_file", lang, path=path, seed=result.seed))
    echo(result.feedback.text(lang))
    if result.output.strip():
        _echo_output(result.output, result.sandbox is not None and result.sandbox.output_truncated, lang, echo)
    if result.outcome not in (Outcome.CORRECT, Outcome.NOT_ATTEMPTED, Outcome.INVALID):
        echo(TEXT("stuck", lang, exercise=result.exercise))


def _run_planned(facts: CodeExerciseFacts, plan: CasePlan, path: Path, started: StartedCheck | None,
                 database: Path) -> CheckResult:
    """Run the learner's file at ``path`` on ``plan`` in the ``started`` child (or a new one), the
    learner's ``database`` (wherever ``--db`` put it) out of its reach."""
    # Deferred: the sandbox's runner (subprocess, selectors, tempfile); no other command needs it.
    from studytrack.sandbox.code_check import check_planned  # noqa: PLC0415

    return check_planned(facts, plan, path, started=started, database=database)


def _check_computed(session: Session, exercise_id: str, seed: int | None, difficulty: str, answers: tuple[str, ...],
                    file: Path | None, started: StartedCheck | None) -> tuple[CheckResult, Path | None]:
    """A check whose plan is not kept: numeric answers, or a code exercise (``_check_code_computed``);
    the result and the code file checked (None for numeric answers)."""
    # Deferred: the checks import numpy (~100–300 ms); --help never needs them.
    from studytrack.domain.exercises.model import check_answers, generate  # noqa: PLC0415

    lang = session.lang
    item = course_exercise(session, exercise_id, from_outline=True)
    if item.is_code:
        if answers:
            raise ExerciseError(TEXT("code_takes_file", lang, exercise=item.id))
        return _check_code_computed(session, item, seed, difficulty, file, started)
    if file is not None:
        raise ExerciseError(TEXT("file_for_numeric", lang, exercise=item.id))
    if seed is None:
        raise ExerciseError(TEXT("need_seed", lang, exercise=item.id))
    by_name = _answers_by_name(item, answers, lang)
    return check_answers(generate(item, seed, difficulty), by_name), None


def _check_code_computed(session: Session, item: Exercise, seed: int | None, difficulty: str, file: Path | None,
                         started: StartedCheck | None) -> tuple[CheckResult, Path]:
    """A code exercise's check with its plan computed now; where plans can be kept, a pool of them
    is computed and kept too (``code_plans``), so the next checks need no numpy in this process."""
    # Deferred: the checks import numpy (~100–300 ms); --help never needs them.
    from studytrack.domain.exercises.code import CODE_CHECKS, plan_for, plan_pool  # noqa: PLC0415
    from studytrack.domain.exercises.model import fresh_seed, generate  # noqa: PLC0415

    assert item.code is not None, "a code exercise has a file"
    path = _code_file(session, item.code.file, file)
    generate(item, 0 if seed is None else seed, difficulty)  # refuses a difficulty code exercises lack
    check, facts = CODE_CHECKS[item.check], CodeExerciseFacts.of(item)
    if can_keep_plans() and not has_plans(session.content_dir, item.id):
        pool = plan_pool(check, pool_seeds(), POOL_SECONDS)
        keep_plans(session.content_dir, facts, pool)
        plan = pool[0] if seed is None else plan_for(check, seed)
    else:
        plan = plan_for(check, fresh_seed() if seed is None else seed)
    return _run_planned(facts, plan, path, started, session.db_path), path


def _echo_output(output: str, cut: bool, lang: str, echo: Echo) -> None:
    """The first lines of what a learner's program printed."""
    lines = output.rstrip("\n").splitlines()
    echo(TEXT("printed", lang))
    for line in lines[:OUTPUT_LINES]:
        echo(f"  | {line}")
    if len(lines) > OUTPUT_LINES:
        echo(TEXT("more_output", lang, count=len(lines) - OUTPUT_LINES))
    elif cut:
        echo(TEXT("cut_output", lang))


def workspace_folder(session: Session) -> Path | None:
    """The workspace folder the learner set up, if any."""
    return remembered_workspace(session.db())


def _code_file(session: Session, name: str, file: Path | None) -> Path:
    """The learner's file for a code exercise: ``--file``, else ``name`` in the remembered workspace."""
    if file is None:
        folder = workspace_folder(session)
        if folder is None:
            raise ExerciseError(TEXT("no_workspace", session.lang))
        file = folder / name
    if file.exists() and not file.is_file():
        raise ExerciseError(TEXT("not_a_file", session.lang, path=file))
    if not file.is_file():
        raise ExerciseError(TEXT("no_file", session.lang, path=file))
    return file


class CheckRequest(NamedTuple):
    """A code check the fast path answers: the global options as click would have converted them
    and the command's own."""

    db_path: Path | None
    content_dir: Path | None
    lang: str | None
    exercise_id: str
    file: Path | None
    as_json: bool


def recognise_check(arguments: Sequence[str], environ: Mapping[str, str]) -> CheckRequest | None:
    """The code check ``arguments`` ask for in ``environ`` when the fast path can answer it exactly
    as click would (the forms in the module docstring), else None."""
    given = global_options(list(arguments)) if plain_streams() else None
    if given is None or given[1][:2] != ["exercise", "check"]:
        return None
    options, command = given
    found = session_paths(options, arguments, environ)
    # Kept although the options are read already: a global option whose value is ``exercise``
    # (``--db exercise exercise check …``) is left to click, to be safe; a row of the functional
    # test ``test_recognise_check_takes_only_the_exact_forms`` pins it.
    if found is None or "exercise" in options.values():
        return None
    exercise_id: str | None = None
    file: str | None = None
    as_json = False
    tokens = command[2:]
    while tokens:
        token = tokens.pop(0)
        if token == "--json" and not as_json:
            as_json = True
        elif token.partition("=")[0] == "--file" and file is None:
            file = token.partition("=")[2] if "=" in token else (tokens.pop(0) if tokens else "")
            if not file or file.startswith("-") or click_path(file, directory=False) is None:
                return None
        elif not token.startswith("-") and exercise_id is None:
            exercise_id = token
        else:
            return None
    if exercise_id is None:
        return None
    return CheckRequest(found.db_path, found.content_dir, found.lang, exercise_id,
                        Path(file) if file is not None else None, as_json)


def answer(arguments: Sequence[str]) -> int | None:
    """Run the code check ``arguments`` ask for when it is one of the fast path's forms and its
    test cases are kept, and return its exit status (an error line exits through ``SystemExit``
    as on the click path); None, having done nothing, for anything else."""
    request = recognise_check(arguments, os.environ)
    session = None if request is None else session_of(request.db_path, request.content_dir, request.lang)
    if request is None or session is None:
        return None  # not this path's form, or click says what is wrong with the clock
    try:
        kept = cached_plan(session.content_dir, request.exercise_id, None)
    except OSError:
        return None  # click's path reads the course and says what is wrong
    if kept is None:
        return None

    def command() -> None:
        with ExitStack() as running:
            started = start_code_check(running)
            run_check(session, request.exercise_id, None, "normal", (), request.file, request.as_json, started,
                      plain_echo, kept)

    return run_in_session(session, command, message_language(arguments))


def plain_echo(text: str) -> None:
    """Write ``text`` and a newline to stdout and flush, as ``click.echo`` does on the UTF-8 stream
    the fast path requires; a line with an escape character (a learner's program may print
    colours) goes through ``click.echo`` itself, which drops them where stdout is no terminal."""
    if "\x1b" in text:
        # Deferred: click (~15 ms), only for a line it would change.
        import click  # noqa: PLC0415

        click.echo(text)
        return
    echo(text, sys.stdout)
