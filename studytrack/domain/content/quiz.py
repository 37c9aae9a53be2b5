"""Quiz items (content/quizzes/*.toml) and checking a learner's answer to one.

Checking never reveals the expected answer unless the learner got it right; the explanation,
which may name it, is given only after a real attempt. A choice answer is recorded as the
stable id of the choice (``QuizResult.recorded``), so history keeps its meaning when the
course edits a choice's wording.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from studytrack.domain.answers import (
    MAX_ANSWER_LENGTH,
    normalize_text_answer,
    normalize_width,
    parse_number,
    too_long,
)
from studytrack.domain.content.text import LocalText, Problem, id_lines, line_of, read_toml_files
from studytrack.domain.messages import Message, Wording
from studytrack.i18n import LANGUAGES, Catalog
from studytrack.vocabulary import QUIZ_OUTCOMES

ITEM_TYPES = ("choice", "truefalse", "numeric", "text")
"""The kinds of quiz item."""

OUTCOMES = tuple(QUIZ_OUTCOMES)
"""What a quiz check can say."""

TRUE_WORDS = {"true", "t", "yes", "y", "o", "○", "참", "맞다", "맞음", "맞아요", "예", "네", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "x", "×", "거짓", "틀리다", "틀림", "틀려요", "아니오",
               "아니요", "0"}

CHOICE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""A choice id: lower case words joined by ``-`` (``lr-too-large``)."""

BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]")
"""A bracketed gloss such as ``(MSE)`` in ``평균제곱오차(MSE)``: ignored in text answers."""

LEADING_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.IGNORECASE)
"""An English article in front of a text answer (``the learning rate``)."""

KOREAN_ENDING = re.compile(r"(?:입니다|이에요|이예요|예요|이요|요)$")
"""A polite Korean sentence ending after a noun answer (``경사 하강법입니다``, ``파라미터요``)."""

WORD_HYPHEN = re.compile(r"(?<=[^\W\d_]{2})-(?=[^\W\d_])|(?<=[^\W\d_])-(?=[^\W\d_]{2})")
"""A hyphen joining two words (``gradient-descent``, ``mini-batch``), not a minus (``y-ŷ``)."""

TEXT = Catalog("domain.content.quiz")


def normalize_quiz_text(text: str) -> str:
    """A text answer reduced to what decides whether it is right.

    Folds width, case, spacing and punctuation (``normalize_text_answer``), and also ignores
    a bracketed gloss, a leading English article, a polite Korean sentence ending and the
    hyphen inside a compound word, so that ``the learning-rate``, ``learning rate`` and
    ``학습률(learning rate)이에요`` compare as their plain forms.
    """
    plain = normalize_width(text)
    without_gloss = BRACKETED.sub(" ", plain).strip()
    plain = without_gloss or plain
    plain = LEADING_ARTICLE.sub("", plain)
    folded = normalize_text_answer(plain)
    folded = KOREAN_ENDING.sub("", folded) or folded
    return WORD_HYPHEN.sub("", folded)


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
    """Choice: the options, in the one fixed order they are always shown in."""
    answer: int | float | bool | None = None
    """Choice: the 1-based correct choice; truefalse: a bool; numeric: the declared value."""
    choice_ids: tuple[str, ...] = ()
    """Choice: the stable id of each option, in display order (what answers are stored as)."""
    compute: tuple[str, Mapping[str, object]] | None = None
    """Numeric: the engine computation ``(name, args)`` that gives the expected value."""
    atol: float = 0.0
    rtol: float = 0.0
    accept: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Text: accepted answers per language; the first one is the answer shown."""
    equivalent: tuple[str, ...] = ()
    """Text: further forms accepted in any language (``y − ŷ = 0``), never shown."""
    requires: tuple[str, ...] = ()
    """The lesson sections (``lesson-id#topic-id``) a learner needs before this item."""
    path: Path = Path()
    line: int = 1

    @property
    def answer_id(self) -> str | None:
        """Choice: the stable id of the correct choice."""
        if self.type != "choice" or not isinstance(self.answer, int):
            return None
        return self.choice_id(self.answer)

    def choice_id(self, number: int) -> str:
        """The stable id of choice ``number`` (1-based); its position when the file gives none."""
        if len(self.choice_ids) == len(self.choices):
            return self.choice_ids[number - 1]
        return str(number)

    def recorded_choice(self, answer: str) -> LocalText | None:
        """The choice a recorded answer names (stored as the choice's id, or as its number before
        ids were stored), as the learner saw it; None for another item type or an answer naming none."""
        if self.type != "choice":
            return None
        if answer in self.choice_ids:
            return self.choices[self.choice_ids.index(answer)]
        if answer.isdigit() and 1 <= int(answer) <= len(self.choices):
            return self.choices[int(answer) - 1]
        return None

    def expected_value(self) -> float:
        """The numeric answer, computed by the engine."""
        if self.compute is None:
            raise ValueError(f"quiz item {self.id} has no computation")
        # Deferred: the computations import the engine (numpy, ~60 ms); commands that only list
        # topics or flags read the course without ever grading a numeric item.
        from studytrack.domain.content.computations import compute  # noqa: PLC0415

        name, args = self.compute
        return compute(name, args)

    def expected_answer(self) -> Wording:
        """The right answer as the learner would read it, worded when shown (a choice and a text
        answer in the course's words, true or false in the app's)."""
        if self.type == "choice" and isinstance(self.answer, int):
            return Message(TEXT, "choice_answer", {"number": self.answer, "choice": self.choices[self.answer - 1]})
        if self.type == "truefalse":
            return Message(TEXT, "true" if self.answer else "false")
        if self.type == "numeric":
            return Message(TEXT, "number_answer", {"value": f"{self.expected_value():.6g}"})
        return LocalText(self.accept.get("en", ("",))[0], self.accept.get("ko", ("",))[0])

    def accepts_text(self, given: str) -> bool:
        """Text: whether ``given`` is one of the accepted answers, in either language."""
        forms = [answer for answers in self.accept.values() for answer in answers]
        accepted = {normalize_quiz_text(answer) for answer in [*forms, *self.equivalent]}
        return normalize_quiz_text(given) in accepted


@dataclass(frozen=True)
class CorrectFeedback:
    """The feedback on a right answer: it names the answer, or only says it is right when the
    answer has no words in the language shown."""

    answer: Wording

    def text(self, lang: str) -> str:
        """The sentence in ``lang``."""
        shown = self.answer.text(lang).rstrip(".。")
        return Message(TEXT, "correct_value", {"answer": shown}).text(lang) if shown else TEXT("correct", lang)


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one check, ready to print, show or store; its texts are worded when shown
    (``feedback.text(lang)``), so a language switch shows the same check in the new language."""

    item: str
    outcome: str
    feedback: Wording
    explanation: LocalText | None
    """The course's explanation, given only after a real attempt."""
    given: str
    """What the learner typed (trimmed)."""
    recorded: str = ""
    """What history stores: the choice id for a choice answer, else what was typed."""

    def to_json(self, lang: str) -> dict[str, str | None]:
        """The command line's JSON, worded in ``lang``: ``item``, ``outcome``, ``feedback``, ``explanation``."""
        return {
            "item": self.item,
            "outcome": self.outcome,
            "feedback": self.feedback.text(lang),
            "explanation": None if self.explanation is None else self.explanation.get(lang),
        }


def check_quiz_answer(item: QuizItem, raw: str | None) -> QuizResult:
    """Grade ``raw`` against ``item``: correct, incorrect, not_attempted or invalid (with why)."""
    given = (raw or "").strip()
    if not given:
        return QuizResult(item.id, "not_attempted", Message(TEXT, "not_attempted"), None, given, given)
    if len(given) > MAX_ANSWER_LENGTH:
        clipped = given[:MAX_ANSWER_LENGTH]
        return QuizResult(item.id, "invalid", too_long(), None, clipped, clipped)
    recorded = given
    if item.type == "choice":
        number = _choice_number(given, item)
        recorded = item.choice_id(number) if number is not None else given
    outcome, reason = _grade(item, given)
    if reason is not None:
        return QuizResult(item.id, "invalid", reason, None, given, recorded)
    return _graded(item, outcome, given, recorded)


def _graded(item: QuizItem, outcome: str, given: str, recorded: str) -> QuizResult:
    """The result of an answer ``given`` to ``item`` graded ``outcome`` (correct or incorrect)."""
    feedback: Wording = (CorrectFeedback(item.expected_answer()) if outcome == "correct"
                         else Message(TEXT, "incorrect"))
    return QuizResult(item.id, outcome, feedback, item.explanation, given, recorded)


def foreseeable_results(item: QuizItem) -> list[QuizResult]:
    """The checks an answer to ``item`` can be known to get before it is given: each choice's,
    or for a typed item the right answer's (its feedback names the item's answer, not what was
    typed; a wrong typed answer's repeats it, so it cannot be foreseen)."""
    if item.type == "choice":
        return [check_quiz_answer(item, str(number)) for number in range(1, len(item.choices) + 1)]
    return [_graded(item, "correct", "", "")]


def _grade(item: QuizItem, given: str) -> tuple[str, Message | None]:
    """``(outcome, reason)`` for a non-empty answer; the reason says why an invalid one is."""
    if item.type == "choice":
        number = _choice_number(given, item)
        if number is None:
            last = chr(ord("a") + len(item.choices) - 1)
            return "invalid", Message(TEXT, "choice_range", {"count": len(item.choices), "last": last})
        return ("correct" if number == item.answer else "incorrect"), None
    if item.type == "truefalse":
        word = normalize_text_answer(given)
        if word in TRUE_WORDS:
            return ("correct" if item.answer is True else "incorrect"), None
        if word in FALSE_WORDS:
            return ("correct" if item.answer is False else "incorrect"), None
        return "invalid", Message(TEXT, "true_false")
    if item.type == "numeric":
        parsed = parse_number(given)
        if not parsed.ok or parsed.value is None:
            return "invalid", parsed.reason
        expected = item.expected_value()
        close = abs(parsed.value - expected) <= item.atol + item.rtol * abs(expected)
        return ("correct" if close else "incorrect"), None
    return ("correct" if item.accepts_text(given) else "incorrect"), None


def _choice_number(given: str, item: QuizItem) -> int | None:
    """The 1-based choice a learner meant by ``2``, ``b``, ``(b)``, its id or its own text."""
    count = len(item.choices)
    word = normalize_text_answer(given)
    if word.isdigit() and 1 <= int(word) <= count:
        return int(word)
    if len(word) == 1 and "a" <= word <= chr(ord("a") + count - 1):
        return ord(word) - ord("a") + 1
    for number, choice in enumerate(item.choices, start=1):
        own = {normalize_text_answer(choice.en), normalize_text_answer(choice.ko)}
        if word and (word in own or word == normalize_text_answer(item.choice_id(number))):
            return number
    return None


def read_quiz_items(
    root: Path, topic_ids: set[str], sections: set[str], wanted: Callable[[str], bool] | None = None
) -> tuple[tuple[QuizItem, ...], list[Problem]]:
    """Every item of ``root/quizzes/*.toml`` and the problems found (``wanted``: only the files
    whose text it accepts, see ``read_toml_files``)."""
    problems: list[Problem] = []
    items: list[QuizItem] = []
    seen: dict[str, Path] = {}
    for path, text, data in read_toml_files(Path(root) / "quizzes", problems, wanted):
        entries = data.get("item", [])
        if not isinstance(entries, list):
            problems.append(Problem(path, 1, "quiz files hold [[item]] tables"))
            continue
        lines = id_lines(text)
        for entry in entries:
            item = _read_item(entry, path, text, lines, topic_ids, sections, problems)
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
    entry: object,
    path: Path,
    text: str,
    lines: dict[str, int],
    topic_ids: set[str],
    sections: set[str],
    problems: list[Problem],
) -> QuizItem | None:
    """One ``[[item]]`` table, with a problem for each thing wrong in it (``lines``: the file's
    ``id_lines``, where each item starts)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        problems.append(Problem(path, 1, "a quiz item has no 'id'"))
        return None
    item_id: str = entry["id"]
    line = lines.get(item_id) or line_of(text, f'id = "{item_id}"')

    def problem(message: str) -> None:
        problems.append(Problem(path, line, f"{item_id}: {message}"))

    topic = entry.get("topic", "")
    if topic not in topic_ids:
        problem(f"unknown topic id '{topic}'")
    section = entry.get("section", "")
    if section not in sections:
        problem(f"section '{section}' is not a lesson section (lesson-id#topic-id)")
    requires = entry.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        problem("'requires' must be a list of lesson sections (lesson-id#topic-id)")
        requires = []
    for required in requires:
        if required not in sections:
            problem(f"requires '{required}', which is not a lesson section (lesson-id#topic-id)")
    item_type = entry.get("type", "")
    if item_type not in ITEM_TYPES:
        problem(f"type must be one of {', '.join(ITEM_TYPES)}")
        return None
    fields: dict[str, object] = {}
    if item_type == "choice":
        fields = _read_choices(entry, problem)
    elif item_type == "truefalse":
        if not isinstance(entry.get("answer"), bool):
            problem("answer must be true or false")
        fields = {"answer": entry.get("answer")}
    elif item_type == "numeric":
        fields = _read_numeric(entry, problem)
    else:
        fields = _read_text_answers(entry, problem)
    return QuizItem(
        id=item_id,
        topic=str(topic),
        section=str(section),
        type=item_type,
        prompt=_both(entry.get("prompt"), "prompt", problem),
        explanation=_both(entry.get("explanation"), "explanation", problem),
        requires=tuple(requires),
        path=path,
        line=line,
        **fields,  # type: ignore[arg-type]
    )


def _read_choices(entry: dict[str, object], problem: Callable[[str], None]) -> dict[str, object]:
    """A choice item's options: ``[[item.choice]]`` tables with ``id``, ``en`` and ``ko``, and
    ``answer`` naming the right one's id. (The older form, ``choices.en``/``choices.ko`` lists
    with ``answer`` as a position, is still read; its choices are known by their positions.)"""
    answer = entry.get("answer")
    raw = entry.get("choice")
    if raw is None:
        return _read_positional_choices(entry, problem)
    tables = raw if isinstance(raw, list) else []
    choices: list[LocalText] = []
    ids: list[str] = []
    for number, table in enumerate(tables, start=1):
        table = table if isinstance(table, dict) else {}
        choice_id = table.get("id")
        if not isinstance(choice_id, str) or not CHOICE_ID.match(choice_id):
            problem(f"choice {number} needs an id of lower-case words joined by '-'")
            choice_id = str(number)
        if choice_id in ids:
            problem(f"choice id '{choice_id}' is used twice")
        ids.append(choice_id)
        choices.append(_both(table, f"choice {choice_id}", problem))
    if len(choices) < 2:
        problem("a choice item needs at least two [[item.choice]] tables")
    if not isinstance(answer, str) or answer not in ids:
        problem(f"answer must be the id of the one correct choice ({', '.join(ids)})")
        return {"choices": tuple(choices), "choice_ids": tuple(ids), "answer": None}
    return {"choices": tuple(choices), "choice_ids": tuple(ids), "answer": ids.index(answer) + 1}


def _read_positional_choices(
    entry: dict[str, object], problem: Callable[[str], None]
) -> dict[str, object]:
    """The older choice form: parallel ``choices.en`` and ``choices.ko`` lists."""
    raw = entry.get("choices")
    lists = raw if isinstance(raw, dict) else {}
    en, ko = lists.get("en", []), lists.get("ko", [])
    if not en or not ko:
        problem("choices need both en and ko lists")
    elif len(en) != len(ko):
        problem("choices.en and choices.ko have different lengths")
    choices = tuple(LocalText(str(a), str(b)) for a, b in zip(en, ko, strict=False))
    answer = entry.get("answer")
    if not isinstance(answer, int) or isinstance(answer, bool) or not 1 <= answer <= len(choices):
        problem(f"answer must be the number of the one correct choice (1 to {len(choices)})")
        answer = None
    return {"choices": choices, "answer": answer}


def _read_numeric(entry: dict[str, object], problem: Callable[[str], None]) -> dict[str, object]:
    """A numeric item's engine computation, declared answer and tolerances."""
    spec = entry.get("compute")
    computation: tuple[str, Mapping[str, object]] | None = None
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        problem("numeric items need compute = { name = ..., args = { ... } }")
    else:
        args = spec.get("args", {})
        computation = (spec["name"], MappingProxyType(dict(args if isinstance(args, dict) else {})))
    answer = entry.get("answer")
    if not isinstance(answer, int | float) or isinstance(answer, bool):
        problem("numeric items need a numeric 'answer' (checked against the engine)")
        answer = None
    atol, rtol = entry.get("atol", 0), entry.get("rtol", 0)
    if not isinstance(atol, int | float) or atol <= 0:
        problem("numeric items need atol > 0")
        atol = 0
    if not isinstance(rtol, int | float) or rtol < 0:
        problem("rtol must be a number ≥ 0")
        rtol = 0
    return {"compute": computation, "answer": answer, "atol": float(atol), "rtol": float(rtol)}


def _read_text_answers(
    entry: dict[str, object], problem: Callable[[str], None]
) -> dict[str, object]:
    """A text item's accepted answers per language and its language-free equivalent forms."""
    raw = entry.get("accept")
    table = raw if isinstance(raw, dict) else {}
    for lang in LANGUAGES:
        answers = table.get(lang)
        if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
            problem(f"accept.{lang} needs a list of accepted answers")
    equivalent = entry.get("equivalent", [])
    if not isinstance(equivalent, list) or not all(isinstance(e, str) for e in equivalent):
        problem("'equivalent' must be a list of answers")
        equivalent = []
    accept = {lang: tuple(str(a) for a in table.get(lang, ())) for lang in LANGUAGES}
    return {"accept": MappingProxyType(accept), "equivalent": tuple(equivalent)}


def _both(value: object, key: str, problem: Callable[[str], None]) -> LocalText:
    """A ``key.en`` / ``key.ko`` pair, reporting a missing language."""
    table = value if isinstance(value, dict) else {}
    for lang in LANGUAGES:
        text = table.get(lang)
        if not isinstance(text, str) or not text.strip():
            problem(f"{key}.{lang} is missing")
    return LocalText(str(table.get("en", "")), str(table.get("ko", "")))
