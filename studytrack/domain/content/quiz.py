"""Quiz items (content/quizzes/*.toml) and checking a learner's answer to one.

Checking never reveals the expected answer unless the learner got it right; the explanation,
which may name it, is given only after a real attempt.
"""

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from studytrack.domain.answers import MAX_ANSWER_LENGTH, normalize_text_answer, parse_number
from studytrack.domain.answers import TEXT as ANSWER_TEXT
from studytrack.domain.content.text import LocalText, line_of
from studytrack.i18n import LANGUAGES, Catalog

ITEM_TYPES = ("choice", "truefalse", "numeric", "text")
"""The kinds of quiz item."""

OUTCOMES = ("correct", "incorrect", "not_attempted", "invalid")
"""What a quiz check can say."""

TRUE_WORDS = {"true", "t", "yes", "y", "o", "○", "참", "맞다", "맞음", "맞아요", "예", "네", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "x", "×", "거짓", "틀리다", "틀림", "틀려요", "아니오",
               "아니요", "0"}

TEXT = Catalog("domain.content.quiz")


@dataclass(frozen=True)
class QuizItem:
    """One quiz question, in both languages, with what counts as right."""

    id: str
    topic: str
    section: str
    """``lesson-id#topic-id``: where the lesson explains it."""
    type: str
    prompt: LocalText
    explanation: LocalText
    choices: tuple[LocalText, ...] = ()
    answer: Any = None
    """Choice: the 1-based correct choice; truefalse: a bool; numeric: the declared value."""
    compute: tuple[str, MappingProxyType] | None = None
    """Numeric: the engine computation ``(name, args)`` that gives the expected value."""
    atol: float = 0.0
    rtol: float = 0.0
    accept: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    """Text: accepted answers per language."""
    path: Path = Path()
    line: int = 1

    def expected_value(self) -> float:
        """The numeric answer, computed by the engine."""
        from studytrack.domain.content.computations import compute

        name, args = self.compute
        return compute(name, dict(args))

    def expected_text(self, lang: str) -> str:
        """The right answer as the learner would read it."""
        if self.type == "choice":
            return f"{self.answer}. {self.choices[self.answer - 1].get(lang)}"
        if self.type == "truefalse":
            return TEXT("true" if self.answer else "false", lang)
        if self.type == "numeric":
            return f"{self.expected_value():.6g}"
        return self.accept.get(lang, ("",))[0]


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one check, ready to print or show."""

    item: str
    outcome: str
    feedback: str
    explanation: str | None
    given: str

    def to_json(self) -> dict:
        """The command line's JSON: ``item``, ``outcome``, ``feedback``, ``explanation``."""
        return {
            "item": self.item,
            "outcome": self.outcome,
            "feedback": self.feedback,
            "explanation": self.explanation,
        }


def check_quiz_answer(item: QuizItem, raw: str | None, lang: str = "en") -> QuizResult:
    """Grade ``raw`` against ``item``: correct, incorrect, not_attempted or invalid (with why)."""
    given = (raw or "").strip()
    if not given:
        return QuizResult(item.id, "not_attempted", TEXT("not_attempted", lang), None, given)
    if len(given) > MAX_ANSWER_LENGTH:
        reason = ANSWER_TEXT("too_long", lang, limit=MAX_ANSWER_LENGTH)
        return QuizResult(item.id, "invalid", reason, None, given[:MAX_ANSWER_LENGTH])
    outcome, reason = _grade(item, given, lang)
    if outcome == "invalid":
        return QuizResult(item.id, "invalid", reason, None, given)
    if outcome == "correct":
        answer = item.expected_text(lang)
        shown = answer.rstrip(".。")
        feedback = TEXT("correct_value", lang, answer=shown) if shown else TEXT("correct", lang)
    else:
        feedback = TEXT("incorrect", lang)
    return QuizResult(item.id, outcome, feedback, item.explanation.get(lang), given)


def _grade(item: QuizItem, given: str, lang: str) -> tuple[str, str]:
    """``(outcome, reason)`` for a non-empty answer."""
    if item.type == "choice":
        index = _choice_index(given, len(item.choices), item, lang)
        if index is None:
            last = chr(ord("a") + len(item.choices) - 1)
            return "invalid", TEXT("choice_range", lang, count=len(item.choices), last=last)
        return ("correct" if index == item.answer else "incorrect"), ""
    if item.type == "truefalse":
        word = normalize_text_answer(given)
        if word in TRUE_WORDS:
            return ("correct" if item.answer is True else "incorrect"), ""
        if word in FALSE_WORDS:
            return ("correct" if item.answer is False else "incorrect"), ""
        return "invalid", TEXT("true_false", lang)
    if item.type == "numeric":
        parsed = parse_number(given, lang)
        if not parsed.ok:
            return "invalid", parsed.reason
        expected = item.expected_value()
        close = abs(parsed.value - expected) <= item.atol + item.rtol * abs(expected)
        return ("correct" if close else "incorrect"), ""
    accepted = {
        normalize_text_answer(answer)
        for lang_answers in item.accept.values()
        for answer in lang_answers
    }
    return ("correct" if normalize_text_answer(given) in accepted else "incorrect"), ""


def _choice_index(given: str, count: int, item: QuizItem, lang: str) -> int | None:
    """The 1-based choice a learner meant by ``2``, ``b``, ``(b)`` or the choice's own text."""
    word = normalize_text_answer(given)
    if word.isdigit() and 1 <= int(word) <= count:
        return int(word)
    if len(word) == 1 and "a" <= word <= chr(ord("a") + count - 1):
        return ord(word) - ord("a") + 1
    for number, choice in enumerate(item.choices, start=1):
        if word and word in {normalize_text_answer(choice.en), normalize_text_answer(choice.ko)}:
            return number
    return None


def read_quiz_items(root: Path, topic_ids: set[str], sections: set[str]) -> tuple[
    tuple[QuizItem, ...], list
]:
    """Every item of ``root/quizzes/*.toml`` and the problems found (as ``Problem``)."""
    from studytrack.domain.content.course import Problem, read_toml_files

    problems: list[Problem] = []
    items: list[QuizItem] = []
    seen: dict[str, Path] = {}
    for path, text, data in read_toml_files(Path(root) / "quizzes", problems):
        entries = data.get("item", [])
        if not isinstance(entries, list):
            problems.append(Problem(path, 1, "quiz files hold [[item]] tables"))
            continue
        for entry in entries:
            item = _read_item(entry, path, text, topic_ids, sections, problems)
            if item is None:
                continue
            if item.id in seen:
                problems.append(
                    Problem(path, item.line, f"duplicate quiz item id '{item.id}' "
                            f"(also in {seen[item.id].name})")
                )
                continue
            seen[item.id] = path
            items.append(item)
    return tuple(items), problems


def _read_item(
    entry: Any, path: Path, text: str, topic_ids: set[str], sections: set[str], problems: list
) -> QuizItem | None:
    """One ``[[item]]`` table, with a problem for each thing wrong in it."""
    from studytrack.domain.content.course import Problem

    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        problems.append(Problem(path, 1, "a quiz item has no 'id'"))
        return None
    item_id = entry["id"]
    line = line_of(text, f'id = "{item_id}"')

    def problem(message: str) -> None:
        problems.append(Problem(path, line, f"{item_id}: {message}"))

    topic = entry.get("topic", "")
    if topic not in topic_ids:
        problem(f"unknown topic id '{topic}'")
    section = entry.get("section", "")
    if section not in sections:
        problem(f"section '{section}' is not a lesson section (lesson-id#topic-id)")
    item_type = entry.get("type", "")
    if item_type not in ITEM_TYPES:
        problem(f"type must be one of {', '.join(ITEM_TYPES)}")
        return None
    prompt = _both(entry.get("prompt"), "prompt", problem)
    explanation = _both(entry.get("explanation"), "explanation", problem)
    choices: tuple[LocalText, ...] = ()
    answer = entry.get("answer")
    compute = None
    accept: dict[str, tuple[str, ...]] = {}
    if item_type == "choice":
        raw = entry.get("choices") if isinstance(entry.get("choices"), dict) else {}
        en, ko = raw.get("en", []), raw.get("ko", [])
        if not en or not ko:
            problem("choices need both en and ko lists")
        elif len(en) != len(ko):
            problem("choices.en and choices.ko have different lengths")
        choices = tuple(LocalText(str(a), str(b)) for a, b in zip(en, ko, strict=False))
        if not isinstance(answer, int) or isinstance(answer, bool) or not (
            1 <= answer <= len(choices)
        ):
            problem(f"answer must be the number of the one correct choice (1 to {len(choices)})")
    elif item_type == "truefalse":
        if not isinstance(answer, bool):
            problem("answer must be true or false")
    elif item_type == "numeric":
        spec = entry.get("compute")
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            problem("numeric items need compute = { name = ..., args = { ... } }")
        else:
            compute = (spec["name"], MappingProxyType(dict(spec.get("args", {}))))
        if not isinstance(answer, int | float) or isinstance(answer, bool):
            problem("numeric items need a numeric 'answer' (checked against the engine)")
        atol = entry.get("atol", 0)
        if not isinstance(atol, int | float) or atol <= 0:
            problem("numeric items need atol > 0")
    else:
        raw = entry.get("accept") if isinstance(entry.get("accept"), dict) else {}
        for lang in LANGUAGES:
            answers = raw.get(lang)
            if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
                problem(f"accept.{lang} needs a list of accepted answers")
        accept = {lang: tuple(raw.get(lang, ())) for lang in LANGUAGES}
    return QuizItem(
        id=item_id,
        topic=topic,
        section=section,
        type=item_type,
        prompt=prompt,
        explanation=explanation,
        choices=choices,
        answer=answer,
        compute=compute,
        atol=float(entry.get("atol", 0) or 0),
        rtol=float(entry.get("rtol", 0) or 0),
        accept=MappingProxyType(accept),
        path=path,
        line=line,
    )


def _both(value: Any, key: str, problem) -> LocalText:
    """A ``key.en`` / ``key.ko`` pair, reporting a missing language."""
    value = value if isinstance(value, dict) else {}
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            problem(f"{key}.{lang} is missing")
    return LocalText(str(value.get("en", "")), str(value.get("ko", "")))
