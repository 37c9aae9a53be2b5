"""Runnable exercises (content/exercises/*.toml): reading them, generating, checking, hints, solutions.

An exercise file is course data: texts in both languages, the answer names with their
tolerances, a hint ladder and a worked-solution template. The numbers and the judging come from
the engine, through the check the file names (``checks`` for numeric exercises, ``code`` for
code). The learner's view is: ``generate`` a problem from a seed, answer it, ``check_answers``
(or, for a file, ``sandbox.code_check.check_code``, which runs it and ends in
``results.code_result``), ask for a ``hint``, and only after a real attempt read the
``solution_text``. A failed check never contains the expected answer.
"""

import ast
import secrets
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

from studytrack.domain.answers import MAX_ANSWER_LENGTH, normalize_text_answer, parse_number, too_long
from studytrack.domain.content.course import Problem, read_toml_files
from studytrack.domain.content.text import LocalText, did_you_mean, line_of
from studytrack.domain.exercises import checks
from studytrack.domain.exercises.code import CODE_CHECKS
from studytrack.domain.exercises.results import AnswerCheck as AnswerCheck
from studytrack.domain.exercises.results import CheckResult as CheckResult
from studytrack.domain.exercises.results import ExerciseError as ExerciseError
from studytrack.domain.messages import Joined, Message, Wording
from studytrack.errors import UnknownIdError
from studytrack.i18n import LANGUAGES, Catalog
from studytrack.vocabulary import Outcome, choices

OUTCOMES = choices(Outcome)
"""What a check can say: the first four for any answer; diverged when a run blew up (a learning
rate, a learner's descent); timeout and error when a learner's program did not finish or failed."""

CODE = "code"
"""The answer kind of a code exercise: a file defining a function."""

MIN_HINTS = 2
"""Every exercise has a hint ladder of at least this many steps."""

SEED_LIMIT = 2**63
"""Seeds are whole numbers 0 ≤ seed < this (what SQLite stores as an integer)."""

TEXT = Catalog("domain.exercises.model")

ReportProblem = Callable[[str, str | None], None]
"""Records one problem of the exercise file being read: the message and the text to find its line by."""


@dataclass(frozen=True)
class AnswerSpec:
    """One named answer: its kind and, for numbers and code, the tolerance |a − e| ≤ atol + rtol·|e|."""

    name: str
    kind: str
    atol: float | None = None
    rtol: float | None = None

    @property
    def tolerance(self) -> tuple[float, float]:
        """``(atol, rtol)``, zeros for kinds compared exactly."""
        return (self.atol or 0.0, self.rtol or 0.0)


@dataclass(frozen=True)
class CodeSpec:
    """What a code exercise gives the learner: the workspace file name, the function, the starter and
    the reference solution (paths inside the course's exercises folder)."""

    file: str
    function: str
    starter: Path
    solution: Path


@dataclass(frozen=True)
class Exercise:
    """One exercise as its file defines it; numbers come later, from ``generate``."""

    id: str
    topic: str
    check: str
    title: LocalText
    prompt: LocalText
    hints: tuple[LocalText, ...]
    solution: LocalText
    answers: tuple[AnswerSpec, ...]
    code: CodeSpec | None = None
    path: Path = Path()
    line: int = 1

    @property
    def is_code(self) -> bool:
        """True for an exercise whose answer is a program."""
        return self.code is not None

    @property
    def has_choices(self) -> bool:
        """Whether it asks for a choice or a position: its form then shows a list to pick from
        (else its answers are typed in boxes, or it is a code exercise)."""
        return any(spec.kind in checks.CHOICE_KINDS for spec in self.answers)

    @property
    def answer_names(self) -> tuple[str, ...]:
        """The answer names, in order (a command-line contract)."""
        return tuple(spec.name for spec in self.answers)

    @property
    def difficulties(self) -> tuple[str, ...]:
        """The generator variants this exercise offers (code exercises have only "normal")."""
        return ("normal",) if self.is_code else checks.CHECKS[self.check].difficulties

    def answer(self, name: str) -> AnswerSpec | None:
        """The answer called ``name``, if there is one."""
        return next((spec for spec in self.answers if spec.name == name), None)


@dataclass(frozen=True)
class ExerciseInstance:
    """An exercise with its numbers: what one seed and difficulty generate."""

    exercise: Exercise
    seed: int
    difficulty: str
    params: MappingProxyType[str, Any]
    """The generated numbers as plain JSON values (``{}`` for a code exercise)."""
    expected: MappingProxyType[str, Any]
    """The engine's answers, by answer name; never shown before a correct check or a solution."""

    def fields(self) -> dict[str, str]:
        """The texts the prompt's ``{placeholders}`` show (numbers and names: no language)."""
        code = self.exercise.code
        if code is not None:
            return {"file": code.file, "function": code.function}
        return checks.CHECKS[self.exercise.check].fields(self.params)

    def prompt(self, lang: str) -> str:
        """The task in ``lang`` (the course's text) with its numbers filled in."""
        return _fill(self.exercise.prompt.get(lang), self.fields(), lang)

    def public_params(self) -> dict[str, Any]:
        """The numbers the learner may see, as JSON values: what ``show --json`` prints as ``params``.

        All of them, except where they would give the answer away: a loss-curve exercise shows
        only its loss history (``{"losses": [...]}``, for a plot), not the rate that made it.
        """
        if self.exercise.is_code:
            return {}
        return checks.CHECKS[self.exercise.check].public(self.params)

    def choices(self) -> dict[str, tuple[Any, ...]]:
        """The allowed values of each choice or position answer."""
        if self.exercise.is_code:
            return {}
        return checks.CHECKS[self.exercise.check].choices(self.params)

    def to_json(self, lang: str) -> dict[str, Any]:
        """``show --json``: id, topic, title, prompt, seed, difficulty, params and the answers wanted."""
        choices = self.choices()
        return {
            "id": self.exercise.id,
            "topic": self.exercise.topic,
            "title": self.exercise.title.get(lang),
            "prompt": self.prompt(lang),
            "seed": self.seed,
            "difficulty": self.difficulty,
            "params": self.public_params(),
            "answers": [
                {"name": spec.name, "kind": spec.kind, "atol": spec.atol, "rtol": spec.rtol,
                 **({"choices": list(choices[spec.name])} if spec.name in choices else {})}
                for spec in self.exercise.answers
            ],
        }


# ─── reading the exercise files ───────────────────────────────────────────────


def read_exercises(root: Path, topic_ids: Iterable[str]) -> tuple[tuple[Exercise, ...], list[Problem]]:
    """Every exercise of ``root/exercises/*.toml`` and the problems found (as ``Problem``)."""
    problems: list[Problem] = []
    exercises: list[Exercise] = []
    seen: dict[str, Path] = {}
    for path, text, data in read_toml_files(Path(root) / "exercises", problems):
        exercise = _read_exercise(data, path, text, set(topic_ids), problems)
        if exercise is None:
            continue
        if exercise.id in seen:
            problems.append(Problem(path, exercise.line,
                                    f"duplicate exercise id '{exercise.id}' (also in {seen[exercise.id].name})"))
            continue
        seen[exercise.id] = path
        exercises.append(exercise)
    return tuple(exercises), problems


def _read_exercise(data: dict[str, Any], path: Path, text: str, topic_ids: set[str],
                   problems: list[Problem]) -> Exercise | None:
    """One exercise file, with a problem for each thing wrong in it."""
    exercise_id = data.get("id")
    if not isinstance(exercise_id, str) or not exercise_id:
        problems.append(Problem(path, 1, "an exercise file needs an 'id'"))
        return None
    line = line_of(text, "id")

    def problem(message: str, needle: str | None = None) -> None:
        problems.append(Problem(path, line_of(text, needle, line) if needle else line, f"{exercise_id}: {message}"))

    topic = data.get("topic", "")
    if topic not in topic_ids:
        problem(f"unknown topic id '{topic}'", "topic")
    check = data.get("check", "")
    known = [*checks.CHECKS, *CODE_CHECKS]
    if check not in known:
        problem(f"unknown check '{check}'; known: {', '.join(known)}", "check")
        return None
    title = _both(data.get("title"), "title", problem)
    prompt = _both(data.get("prompt"), "prompt", problem)
    solution = _both(data.get("solution"), "solution", problem)
    raw_hints = data.get("hint", [])
    hints = tuple(_both(entry, f"hint {number}", problem, "[[hint]]")
                  for number, entry in enumerate(raw_hints if isinstance(raw_hints, list) else [], start=1))
    if len(hints) < MIN_HINTS:
        problem(f"needs at least {MIN_HINTS} [[hint]] tables (a hint ladder), not {len(hints)}", "[[hint]]")
    code = _read_code(data.get("code"), path, check, problem) if check in CODE_CHECKS else None
    wanted = ({CODE_CHECKS[check].function: CODE} if check in CODE_CHECKS else checks.CHECKS[check].answers)
    answers = _read_answers(data.get("answer", []), wanted, problem)
    return Exercise(id=exercise_id, topic=topic, check=check, title=title, prompt=prompt, hints=hints,
                    solution=solution, answers=answers, code=code, path=path, line=line)


def _both(value: Any, key: str, problem: ReportProblem, needle: str | None = None) -> LocalText:
    """A ``{en = ..., ko = ...}`` text, reporting a missing or empty language."""
    value = value if isinstance(value, dict) else {}
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problem(f"{key}.{lang} is missing (every text needs en and ko)", needle or key)
    return LocalText(str(value.get("en", "")), str(value.get("ko", "")))


def _read_answers(entries: Any, wanted: Mapping[str, str], problem: ReportProblem) -> tuple[AnswerSpec, ...]:
    """The ``[[answer]]`` tables: exactly the names the check defines, with a tolerance where it applies."""
    entries = entries if isinstance(entries, list) else []
    names = [entry.get("name") for entry in entries if isinstance(entry, dict)]
    if names != list(wanted):
        problem(f"[[answer]] names must be {', '.join(wanted)} (in that order), not {', '.join(map(str, names))}",
                "[[answer]]")
    specs = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("name") not in wanted:
            continue
        name, kind = entry["name"], wanted[entry["name"]]
        if kind in (checks.NUMBER, CODE):
            atol, rtol = entry.get("atol"), entry.get("rtol", 0.0)
            if not _is_number(atol) or atol <= 0:
                problem(f"answer '{name}' needs atol > 0, not {atol!r}", f'name = "{name}"')
                atol = 1e-9
            if not _is_number(rtol) or rtol < 0:
                problem(f"answer '{name}' needs rtol ≥ 0, not {rtol!r}", f'name = "{name}"')
                rtol = 0.0
            specs.append(AnswerSpec(name, kind, float(atol), float(rtol)))
        else:
            specs.append(AnswerSpec(name, kind))
    return tuple(specs)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _read_code(value: Any, path: Path, check: str, problem: ReportProblem) -> CodeSpec | None:
    """The ``[code]`` table of a code exercise: workspace file name, function, starter and solution."""
    value = value if isinstance(value, dict) else {}
    function = CODE_CHECKS[check].function
    file_name = value.get("file")
    if not isinstance(file_name, str) or not file_name.endswith(".py") or "/" in file_name or "\\" in file_name:
        problem("[code] needs file = \"<name>.py\", the workspace file name", "[code]")
        return None
    if value.get("function", function) != function:
        problem(f"[code] function must be '{function}' for check '{check}'", "function")
    paths = {}
    for key in ("starter", "solution"):
        relative = value.get(key)
        if not isinstance(relative, str):
            problem(f"[code] needs {key} = \"code/…/{key}.py\"", "[code]")
            return None
        paths[key] = path.parent / relative
        if not paths[key].is_file():
            problem(f"[code] {key} file {relative} does not exist", key)
            continue
        try:
            tree = ast.parse(paths[key].read_text(encoding="utf-8"))
        except SyntaxError as error:
            problem(f"{relative} has a syntax error at line {error.lineno}", key)
            continue
        except (ValueError, OSError):  # not UTF-8, a null byte, unreadable
            problem(f"{relative} cannot be read as UTF-8 Python source; save it as UTF-8", key)
            continue
        if not any(isinstance(node, ast.FunctionDef) and node.name == function for node in tree.body):
            problem(f"{relative} does not define {function}()", key)
    return CodeSpec(file_name, function, paths["starter"], paths["solution"])


_LOADED: dict[tuple[str, tuple[tuple[str, int, int], ...], tuple[str, ...]], tuple[Exercise, ...]] = {}
"""The exercises last read, by folder, file signature and topic ids."""


def load_exercises(root: Path, topic_ids: Iterable[str]) -> tuple[Exercise, ...]:
    """The exercises of the course at ``root``, read once per root while the files stay unchanged.

    Raises ``ExerciseError`` naming the first problems when the files have any.
    """
    folder = Path(root).resolve() / "exercises"
    files = sorted(folder.rglob("*")) if folder.is_dir() else []
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())
    key = (str(folder), signature, tuple(topic_ids))
    if key not in _LOADED:
        exercises, problems = read_exercises(root, topic_ids)
        if problems:
            shown = "; ".join(str(p) for p in problems[:3])
            raise ExerciseError(Message(TEXT, "content_problems", {"folder": folder, "shown": shown}))
        _LOADED.clear()
        _LOADED[key] = exercises
    return _LOADED[key]


def find_exercise(exercises: Iterable[Exercise], exercise_id: str) -> Exercise:
    """The exercise ``exercise_id``; ``UnknownIdError`` naming the closest ids when there is none."""
    for exercise in exercises:
        if exercise.id == exercise_id:
            return exercise
    hint = did_you_mean(exercise_id, [e.id for e in exercises])
    raise UnknownIdError(Message(TEXT, "unknown_exercise", {"exercise": exercise_id, "hint": hint}))


# ─── generating and checking ──────────────────────────────────────────────────


def fresh_seed() -> int:
    """A new random seed, short enough to type back (0 ≤ seed < 1 000 000)."""
    return secrets.randbelow(1_000_000)


def generate(exercise: Exercise, seed: int, difficulty: str = "normal") -> ExerciseInstance:
    """The problem ``seed`` gives at ``difficulty``: the same seed always gives the same numbers.

    Raises ``ExerciseError`` for a seed out of range or a difficulty the exercise lacks.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_LIMIT:
        raise ExerciseError(Message(TEXT, "bad_seed", {"limit": SEED_LIMIT - 1, "seed": seed}))
    if difficulty not in exercise.difficulties:
        raise ExerciseError(Message(TEXT, "unknown_difficulty", {
            "exercise": exercise.id, "difficulty": difficulty, "choices": ", ".join(exercise.difficulties)}))
    if exercise.is_code:
        return ExerciseInstance(exercise, seed, difficulty, MappingProxyType({}), MappingProxyType({}))
    check = checks.CHECKS[exercise.check]
    tolerances = {spec.name: spec.tolerance for spec in exercise.answers}
    params = checks.generate_params(check, seed, difficulty, tolerances)
    return ExerciseInstance(exercise, seed, difficulty, MappingProxyType(params),
                            MappingProxyType(check.expected(params)))


def require_answer_names(exercise: Exercise, names: Iterable[str]) -> None:
    """Refuse an answer name the exercise does not have (``ExerciseError`` naming the right ones)."""
    for name in names:
        if exercise.answer(name) is None:
            raise ExerciseError(Message(TEXT, "unknown_answer", {
                "name": name, "exercise": exercise.id, "names": ", ".join(exercise.answer_names)}))


def check_answers(instance: ExerciseInstance, answers: Mapping[str, str | None]) -> CheckResult:
    """Judge the learner's answers (text by answer name; a missing name counts as not attempted).

    Never raises for any text: each answer is read as its kind (numbers through
    ``parse_number``; choices in English or Korean; positions as 1-based numbers) and judged by
    the engine. The outcome is invalid if any answer is unreadable, not_attempted if none was
    given, diverged if running an answer blew up, correct if all are right, else incorrect.
    """
    exercise = instance.exercise
    if exercise.is_code:
        raise ExerciseError(Message(TEXT, "code_needs_file", {"exercise": exercise.id}))
    require_answer_names(exercise, answers)
    check = checks.CHECKS[exercise.check]
    choices = instance.choices()
    readings = {spec.name: _read_answer(spec, answers.get(spec.name), choices.get(spec.name, ()))
                for spec in exercise.answers}
    values = {name: reading[1] for name, reading in readings.items() if reading[0] == "ok"}
    tolerances = {spec.name: spec.tolerance for spec in exercise.answers}
    judgement = checks.judge(check, instance.params, values, tolerances)
    results = []
    for spec in exercise.answers:
        status, value, reason = readings[spec.name]
        given = (answers.get(spec.name) or "").strip()[:MAX_ANSWER_LENGTH]
        if status != "ok":
            results.append(AnswerCheck(spec.name, given, None, status, reason))
            continue
        verdict = judgement.verdicts[spec.name]
        results.append(AnswerCheck(spec.name, given, value, "correct" if verdict.correct else "incorrect",
                                   mistake=verdict.mistake))
    outcome = _outcome(results, judgement)
    mistakes = tuple(dict.fromkeys(a.mistake for a in results if a.mistake))
    feedback = _feedback(instance, results, judgement, outcome, mistakes)
    return CheckResult(
        exercise=exercise.id, seed=instance.seed, difficulty=instance.difficulty, outcome=outcome,
        answers=tuple(results), feedback=feedback, mistakes=mistakes,
        expected=MappingProxyType(dict(instance.expected)) if outcome == "correct" else None,
        run=judgement.run,
    )


def _read_answer(spec: AnswerSpec, raw: str | None, choices: tuple[Any, ...]
                 ) -> tuple[str, Any, Message | None]:
    """``(status, value, reason)`` for one answer: status ok, not_attempted or invalid (with why)."""
    if spec.kind == checks.CHOICE:
        return _read_choice(raw, choices)
    parsed = parse_number(raw)
    value = parsed.value
    if not parsed.ok or value is None:
        return parsed.status, None, parsed.reason
    if spec.kind == checks.POSITION:
        if not value.is_integer() or int(value) not in choices:
            return "invalid", None, Message(TEXT, "position_invalid", {"count": len(choices)})
        return "ok", int(value), None
    return "ok", value, None


def _fold(text: str) -> str:
    """A choice word reduced for comparison: width, case, spaces, hyphens and punctuation folded."""
    return normalize_text_answer(text).replace("-", "").replace("'", "")


def _read_choice(raw: str | None, choices: tuple[Any, ...]) -> tuple[str, Any, Message | None]:
    """A choice answer: any accepted word of one of ``choices``, in English or Korean."""
    if raw is None or not raw.strip():
        return "not_attempted", None, None
    if len(raw) > MAX_ANSWER_LENGTH:
        return "invalid", None, too_long()
    word = _fold(raw)
    for choice in choices:
        accepted = {_fold(w) for w in (choice, *checks.CHOICE_WORDS[choice]["accept"])}
        if word and word in accepted:
            return "ok", choice, None
    shown = "".join(c if c.isprintable() else " " for c in raw.strip())[:40]
    listed = Joined(tuple(checks.choice_word(c) for c in choices))
    return "invalid", None, Message(TEXT, "choice_invalid", {"text": shown, "choices": listed})


def _outcome(results: list[AnswerCheck], judgement: checks.Judgement) -> str:
    """The check's outcome from the per-answer outcomes."""
    outcomes = [answer.outcome for answer in results]
    if "invalid" in outcomes:
        return "invalid"
    if all(outcome == "not_attempted" for outcome in outcomes):
        return "not_attempted"
    if any(verdict.diverged for verdict in judgement.verdicts.values()):
        return "diverged"
    return "correct" if all(outcome == "correct" for outcome in outcomes) else "incorrect"


def shown_value(spec: AnswerSpec, value: Any) -> Wording | str:
    """An answer's value as the learner reads it: 4 decimals, or the choice word (in both languages)."""
    if spec.kind == checks.CHOICE:
        return checks.choice_word(value)
    if spec.kind == checks.POSITION:
        return str(value)
    return checks.num(value, 6 if spec.kind == checks.RATE else 4)


def _feedback(instance: ExerciseInstance, results: list[AnswerCheck], judgement: checks.Judgement, outcome: str,
              mistakes: tuple[str, ...]) -> Joined:
    """The learner-facing lines of a check; they name the expected values only when all are right."""
    exercise = instance.exercise
    lines: list[Wording | str] = []
    if outcome == "correct":
        values = [a.value if spec.kind == checks.RATE else instance.expected[a.name]
                  for a, spec in zip(results, exercise.answers, strict=True)]
        shown = Joined(tuple(Joined((f"{spec.name} = ", shown_value(spec, value)), "")
                             for spec, value in zip(exercise.answers, values, strict=True)))
        lines = [Message(TEXT, "correct", {"answers": shown}),
                 *(v.note for v in judgement.verdicts.values() if v.note is not None)]
    elif outcome == "not_attempted":
        lines = [Message(TEXT, "not_attempted", {"names": ", ".join(exercise.answer_names)})]
    elif outcome == "invalid":
        lines = [Message(TEXT, "answer_invalid", {"name": a.name, "reason": a.reason or ""})
                 for a in results if a.outcome == "invalid"]
    else:
        keys = {"correct": "answer_right", "incorrect": "answer_wrong", "not_attempted": "answer_missing"}
        for answer in results:
            verdict = judgement.verdicts.get(answer.name)
            lines.append(verdict.note if verdict is not None and verdict.note is not None
                         else Message(TEXT, keys[answer.outcome], {"name": answer.name}))
        lines += [checks.mistake_message(key) for key in mistakes]
    return Joined(tuple(lines), "\n")


# ─── hints and solutions ──────────────────────────────────────────────────────


def hint(exercise: Exercise, level: int) -> LocalText:
    """Hint ``level`` (1 = the gentlest) of the exercise's ladder, in both languages;
    ``ExerciseError`` when out of range."""
    if not 1 <= level <= len(exercise.hints):
        raise ExerciseError(Message(TEXT, "hint_range", {"exercise": exercise.id, "count": len(exercise.hints)}))
    return exercise.hints[level - 1]


def solution_text(instance: ExerciseInstance, lang: str) -> str:
    """The worked solution in ``lang`` (the course's text) with this problem's numbers, computed by the engine.

    For a code exercise: the explanation and the reference solution file. Show it only after a
    real attempt (the command line and the app check the store first).
    """
    exercise = instance.exercise
    if exercise.code is not None:
        reference = exercise.code.solution.read_text(encoding="utf-8")
        heading = TEXT("reference", lang, file=exercise.code.file)
        return f"{_fill(exercise.solution.get(lang), instance.fields(), lang)}\n\n{heading}\n\n{reference}"
    worked = checks.CHECKS[exercise.check].worked(instance.params)
    return _fill(exercise.solution.get(lang), worked, lang)


class _KeepUnknown(dict[str, str]):
    """Placeholders with no value stay as written (``content validate`` reports them)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, fields: Mapping[str, str | Wording], lang: str) -> str:
    """``text`` (a course text in ``lang``) with its ``{placeholders}`` filled, wordings in ``lang``;
    a text with broken braces is shown as written."""
    worded = {name: value if isinstance(value, str) else value.text(lang) for name, value in fields.items()}
    try:
        return text.format_map(_KeepUnknown(worded))
    except (ValueError, IndexError, AttributeError):
        return text


# ─── checking the definitions themselves ──────────────────────────────────────


def self_check(exercise: Exercise, seeds: Sequence[int] = (0, 1, 2)) -> list[str]:
    """Problems with an exercise's definition, found by using it: for each difficulty and seed the
    problem must generate, every text must fill its placeholders, and the engine's own expected
    answers, typed as text, must pass its own check. (Code exercises are checked by the tests,
    which run every reference solution in the sandbox.)"""
    problems: list[str] = []
    texts = [("prompt", exercise.prompt), ("solution", exercise.solution)]
    if exercise.is_code:
        for name, text in texts:
            problems += _placeholder_problems(name, text, {"file", "function"})
        return problems
    for difficulty in exercise.difficulties:
        for seed in seeds:
            try:
                instance = generate(exercise, seed, difficulty)
            except (checks.GenerationError, ValueError) as error:
                problems.append(f"seed {seed} ({difficulty}) does not generate: {error}")
                continue
            check = checks.CHECKS[exercise.check]
            problems += _placeholder_problems("prompt", exercise.prompt, set(instance.fields()))
            problems += _placeholder_problems("solution", exercise.solution, set(check.worked(instance.params)))
            typed = {name: repr(value) if isinstance(value, float) else str(value)
                     for name, value in instance.expected.items()}
            result = check_answers(instance, typed)
            if result.outcome != "correct":
                problems.append(f"seed {seed} ({difficulty}): the engine's own answers {typed} are judged "
                                f"{result.outcome}")
    return sorted(set(problems))


def _placeholder_problems(name: str, text: LocalText, known: set[str], only: str | None = None) -> list[str]:
    """Unknown ``{placeholders}`` (or broken braces) in a text."""
    problems = []
    for lang in [only] if only else LANGUAGES:
        try:
            used = {field_name for _, field_name, _, _ in string.Formatter().parse(text.get(lang)) if field_name}
        except ValueError as error:
            problems.append(f"{name}.{lang} has a broken {{placeholder}}: {error} (write {{{{ for a brace)")
            continue
        unknown = sorted(used - known)
        if unknown:
            problems.append(f"{name}.{lang} uses unknown placeholders {', '.join(unknown)}; known: "
                            f"{', '.join(sorted(known))}")
    return problems

