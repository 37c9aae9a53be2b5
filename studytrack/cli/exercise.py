"""``studytrack exercise …``: list, show, check, hint, solution and workspace from the command line."""

from pathlib import Path

import click

from studytrack.cli import Session, echo_json, pass_session
from studytrack.i18n import Catalog

DIFFICULTY_CHOICES = ("easy", "normal", "hard")
"""What ``--difficulty`` accepts (an exercise may offer fewer; it says so)."""

SEED = click.IntRange(0, 2**63 - 1)
"""A seed: a whole number SQLite can store."""

OUTPUT_LINES = 20
"""At most this many lines of a learner's program output are printed in text mode."""

TEXT = Catalog(
    "cli.exercise",
    {
        "list_row": {"en": "{id}  [{topic}, {kind}]\n    {title}", "ko": "{id}  [{topic}, {kind}]\n    {title}"},
        "kind_numeric": {"en": "numeric", "ko": "계산"},
        "kind_code": {"en": "code", "ko": "코드"},
        "heading": {
            "en": "{title}  [{topic} · {difficulty} · seed {seed}]",
            "ko": "{title}  [{topic} · {difficulty} · 시드 {seed}]",
        },
        "difficulty_easy": {"en": "easy", "ko": "쉬움"},
        "difficulty_normal": {"en": "normal", "ko": "보통"},
        "difficulty_hard": {"en": "hard", "ko": "어려움"},
        "check_how": {"en": "Check your answer: {command}", "ko": "답 확인: {command}"},
        "same_numbers": {
            "en": "(--seed {seed} gives these numbers again.)",
            "ko": "(--seed {seed}를 주면 같은 숫자가 다시 나와요.)",
        },
        "your_file": {"en": "Your file: {path}", "ko": "작성할 파일: {path}"},
        "no_workspace_yet": {
            "en": "Set up your files first: studytrack exercise workspace",
            "ko": "먼저 작업 폴더를 만드세요: studytrack exercise workspace",
        },
        "need_seed": {
            "en": "{exercise} needs --seed N: use the seed 'studytrack exercise show {exercise}' printed.",
            "ko": "{exercise}에는 --seed N이 필요해요. 'studytrack exercise show {exercise}'가 보여 준 시드를 쓰세요.",
        },
        "answer_format": {
            "en": "Give each answer as --answer NAME=VALUE; {exercise} asks for {names}.",
            "ko": "답은 --answer 이름=값 으로 주세요. {exercise}의 답 항목: {names}.",
        },
        "answer_twice": {
            "en": "The answer '{name}' is given twice; give each answer once.",
            "ko": "'{name}' 답이 두 번 주어졌어요. 답마다 한 번씩만 주세요.",
        },
        "code_takes_file": {
            "en": "{exercise} is a code exercise: edit your file and run check without --answer (--file PATH "
                  "checks another file).",
            "ko": "{exercise}는 코드 연습 문제예요. 파일을 고친 뒤 --answer 없이 check를 실행하세요"
                  "(--file PATH로 다른 파일을 확인할 수 있어요).",
        },
        "file_for_numeric": {
            "en": "{exercise} is answered with --answer, not --file.",
            "ko": "{exercise}는 --file이 아니라 --answer로 답해요.",
        },
        "no_workspace": {
            "en": "There is no exercise workspace yet: run 'studytrack exercise workspace' first, or pass "
                  "--file PATH.",
            "ko": "아직 연습 문제 작업 폴더가 없어요. 먼저 'studytrack exercise workspace'를 실행하거나 "
                  "--file PATH를 주세요.",
        },
        "no_file": {
            "en": "{path} does not exist: run 'studytrack exercise workspace' to create it, or pass --file PATH.",
            "ko": "{path} 파일이 없어요. 'studytrack exercise workspace'로 만들거나 --file PATH를 주세요.",
        },
        "checked_file": {"en": "Checked {path} (seed {seed}).", "ko": "{path} 파일을 확인했어요(시드 {seed})."},
        "printed": {"en": "Your program printed:", "ko": "프로그램 출력:"},
        "more_output": {"en": "… ({count} more line(s) not shown)", "ko": "… ({count}줄 더 있음)"},
        "cut_output": {"en": "… (output cut at 64 KiB)", "ko": "… (출력이 64 KiB에서 잘렸어요)"},
        "stuck": {
            "en": "Stuck? studytrack exercise hint {exercise}",
            "ko": "막혔나요? studytrack exercise hint {exercise}",
        },
        "hint": {"en": "Hint {level} of {count}: {text}", "ko": "힌트 {level}/{count}: {text}"},
        "next_hint": {
            "en": "(Next: studytrack exercise hint {exercise} --level {level})",
            "ko": "(다음 힌트: studytrack exercise hint {exercise} --level {level})",
        },
        "try_first": {
            "en": "Try it first: check an answer to {exercise} with seed {seed}, then the solution opens.",
            "ko": "먼저 풀어 보세요. 시드 {seed}로 {exercise}의 답을 한 번 확인하면 풀이가 열려요.",
        },
        "try_code_first": {
            "en": "Try it first: check your file with 'studytrack exercise check {exercise}', then the solution "
                  "opens.",
            "ko": "먼저 풀어 보세요. 'studytrack exercise check {exercise}'로 파일을 한 번 확인하면 풀이가 열려요.",
        },
        "solution_heading": {"en": "Solution ({title}, seed {seed}):", "ko": "풀이 ({title}, 시드 {seed}):"},
        "code_solution_heading": {"en": "Solution ({title}):", "ko": "풀이 ({title}):"},
        "workspace": {"en": "Workspace: {folder}", "ko": "작업 폴더: {folder}"},
        "wrote": {"en": "  wrote {name}", "ko": "  {name} 파일을 만들었어요"},
        "kept": {
            "en": "  kept {name} (it was already there; your file is not touched)",
            "ko": "  {name} 파일은 이미 있어서 그대로 두었어요",
        },
        "workspace_next": {
            "en": "Edit a file, then check it: studytrack exercise check EXERCISE_ID",
            "ko": "파일을 고친 뒤 확인하세요: studytrack exercise check EXERCISE_ID",
        },
    },
)


@click.group()
def exercise() -> None:
    """Runnable exercises the engine checks: show one, check answers, hints and solutions."""


def _exercises(session: Session):
    """The course's exercises (read once per course folder)."""
    from studytrack.domain.exercises.model import load_exercises

    course = session.course()
    return load_exercises(course.root, course.topic_ids, session.lang)


def _exercise(session: Session, exercise_id: str):
    """The exercise ``exercise_id``, or exit 2 naming the closest ids."""
    from studytrack.domain.exercises.model import find_exercise

    return find_exercise(_exercises(session), exercise_id, session.lang)


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


def _check_command(item, seed: int, difficulty: str) -> str:
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
    from studytrack.domain.exercises.model import fresh_seed, generate

    lang = session.lang
    item = _exercise(session, exercise_id)
    instance = generate(item, fresh_seed() if seed is None else seed, difficulty, lang)
    if as_json:
        echo_json(instance.to_json(lang))
        return
    click.echo(TEXT("heading", lang, title=item.title.get(lang), topic=item.topic,
                    difficulty=TEXT(f"difficulty_{difficulty}", lang), seed=instance.seed))
    click.echo()
    click.echo(instance.prompt(lang))
    click.echo()
    if item.is_code:
        folder = _workspace_folder(session)
        click.echo(TEXT("your_file", lang, path=folder / item.code.file) if folder else TEXT("no_workspace_yet", lang))
    elif seed is None:
        click.echo(TEXT("same_numbers", lang, seed=instance.seed))
    click.echo(TEXT("check_how", lang, command=_check_command(item, instance.seed, difficulty)))


def _answers_by_name(item, given: tuple[str, ...], lang: str) -> dict[str, str]:
    """``--answer NAME=VALUE`` (or a bare ``VALUE`` for a one-answer exercise) as a dict."""
    from studytrack.domain.exercises.model import ExerciseError, require_answer_names

    answers: dict[str, str] = {}
    for text in given:
        name, separator, value = text.partition("=")
        if not separator:
            if len(item.answers) != 1:
                raise ExerciseError(TEXT("answer_format", lang, exercise=item.id, names=", ".join(item.answer_names)))
            name, value = item.answer_names[0], text
        name = name.strip()
        require_answer_names(item, [name], lang)
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
    from studytrack.domain.exercises.model import ExerciseError, check_answers, check_code, fresh_seed, generate
    from studytrack.store.exercise_attempts import record_exercise_attempt

    lang = session.lang
    item = _exercise(session, exercise_id)
    if item.is_code:
        if answers:
            raise ExerciseError(TEXT("code_takes_file", lang, exercise=item.id))
        path = _code_file(session, item, file)
        seed = fresh_seed() if seed is None else seed
        generate(item, seed, difficulty, lang)  # refuses a difficulty code exercises lack
        result = check_code(item, path, seed, lang)
    else:
        if file is not None:
            raise ExerciseError(TEXT("file_for_numeric", lang, exercise=item.id))
        if seed is None:
            raise ExerciseError(TEXT("need_seed", lang, exercise=item.id))
        by_name = _answers_by_name(item, answers, lang)
        result = check_answers(generate(item, seed, difficulty, lang), by_name, lang)
    record_exercise_attempt(session.db(), item.id, result.seed, result.raw_answers(), result.outcome, session.now(),
                            difficulty=result.difficulty)
    if as_json:
        echo_json(result.to_json())
        return
    if item.is_code:
        click.echo(TEXT("checked_file", lang, path=path, seed=result.seed))
    click.echo(result.feedback)
    if result.output.strip():
        _echo_output(result.output, result.sandbox.output_truncated, lang)
    if result.outcome not in ("correct", "not_attempted", "invalid"):
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
    from studytrack.store.exercise_attempts import remembered_workspace

    return remembered_workspace(session.db())


def _code_file(session: Session, item, file: Path | None) -> Path:
    """The learner's file for a code exercise: ``--file``, else the one in the remembered workspace."""
    from studytrack.domain.exercises.model import ExerciseError

    if file is None:
        folder = _workspace_folder(session)
        if folder is None:
            raise ExerciseError(TEXT("no_workspace", session.lang))
        file = folder / item.code.file
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
    from studytrack.domain.exercises.model import hint as hint_text

    lang = session.lang
    item = _exercise(session, exercise_id)
    text = hint_text(item, level, lang)
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
    from studytrack.domain.exercises.model import ExerciseError, generate, solution_text
    from studytrack.store.exercise_attempts import has_tried

    lang = session.lang
    item = _exercise(session, exercise_id)
    if item.is_code:
        if not has_tried(session.db(), item.id):
            raise ExerciseError(TEXT("try_code_first", lang, exercise=item.id))
        instance = generate(item, 0 if seed is None else seed, difficulty, lang)
    else:
        if seed is None:
            raise ExerciseError(TEXT("need_seed", lang, exercise=item.id))
        instance = generate(item, seed, difficulty, lang)
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
    from studytrack.domain.exercises.workspace import default_workspace, write_workspace
    from studytrack.store.exercise_attempts import remember_workspace

    lang = session.lang
    folder = (directory or default_workspace()).expanduser().resolve()
    report = write_workspace(_exercises(session), folder, lang)
    remember_workspace(session.db(), folder, session.now())
    click.echo(TEXT("workspace", lang, folder=folder))
    for path in report.written:
        click.echo(TEXT("wrote", lang, name=path.name))
    for path in report.kept:
        click.echo(TEXT("kept", lang, name=path.name))
    click.echo(TEXT("workspace_next", lang))


COMMANDS = (exercise,)
"""The commands this module adds to ``studytrack``."""
