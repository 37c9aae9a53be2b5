"""What every numeric check is made of: the ``Check`` record, verdicts, answer kinds and choice words.

A check module (one per exercise kind) builds one ``Check`` from functions of its params; the
registry collects them. Params are the generated numbers as plain JSON values, so they can be
shown, stored and compared; ``Params`` and ``Answers`` name those JSON mappings.
"""

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from studytrack import engine
from studytrack.domain.content.text import LocalText
from studytrack.domain.exercises.judging import close as close
from studytrack.domain.exercises.judging import mistake_message as mistake_message
from studytrack.domain.messages import Message, Wording
from studytrack.i18n import Catalog
from studytrack.vocabulary import Difficulty, choices

Params = Mapping[str, Any]
"""A problem's generated numbers: plain JSON values by name (lists, numbers, strings)."""

Answers = dict[str, Any]
"""Answer values by answer name: floats for numbers, ints for positions, words for choices."""

Worked = dict[str, str | Wording]
"""The texts a worked solution's ``{placeholders}`` show: numbers as text, or wordings (a choice
word, a sentence) that the solution's language words when it is shown."""

DIFFICULTIES = choices(Difficulty)
"""Generator variants: easy has fewer points and whole numbers; hard has decimals and traps."""

NUMBER, CHOICE, POSITION, RATE = "number", "choice", "position", "rate"
"""Answer kinds: a number within a tolerance, a word from a list, a 1-based position in a list
of the problem, or a learning rate the engine runs to judge it."""

CHOICE_KINDS = (CHOICE, POSITION)
"""Answer kinds picked from a numbered list rather than typed."""

CHOICE_WORDS: dict[str, dict[str, Any]] = {
    "minimum": {"en": "minimum", "ko": "극소(최솟값)",
                "accept": ("min", "minimum", "minima", "local minimum", "최소", "최솟값", "최소값",
                           "극소", "극솟값", "극소값", "극소점", "최소점", "지역 최솟값")},
    "maximum": {"en": "maximum", "ko": "극대(최댓값)",
                "accept": ("max", "maximum", "maxima", "local maximum", "최대", "최댓값", "최대값",
                           "극대", "극댓값", "극대값", "극대점", "최대점", "지역 최댓값")},
    "saddle": {"en": "saddle", "ko": "안장점",
               "accept": ("saddle", "saddle point", "saddlepoint", "안장점", "안장")},
    "converging": {"en": "converging", "ko": "수렴",
                   "accept": ("converging", "converges", "converge", "converged", "convergence",
                              "good", "수렴", "수렴함", "수렴한다", "수렴해요", "잘 수렴")},
    "too-slow": {"en": "too-slow", "ko": "너무 느림",
                 "accept": ("too-slow", "too slow", "slow", "too small", "너무 느림", "너무 느려요",
                            "느림", "느려요", "느리다", "너무 느리다")},
    "oscillating": {"en": "oscillating", "ko": "진동",
                    "accept": ("oscillating", "oscillates", "oscillate", "oscillation", "zigzag",
                               "진동", "진동함", "진동한다", "진동해요", "지그재그")},
    "diverging": {"en": "diverging", "ko": "발산",
                  "accept": ("diverging", "diverges", "diverge", "diverged", "divergence", "blows up",
                             "발산", "발산함", "발산한다", "발산해요")},
}
"""Every word a choice answer accepts, by canonical id, with the word each language shows."""

TEXT = Catalog("domain.exercises.checks")
"""The learner-facing sentences of every check (one table for the whole package)."""


class GenerationError(RuntimeError):
    """A check found no well-posed problem for a seed within its budget of tries (a bug to fix)."""


class Retry(Exception):
    """Raised by a generator when the numbers it drew make an ill-posed problem: draw again."""


@dataclass(frozen=True)
class Verdict:
    """How one parsed answer fared: right or not, which known mistake it matches, and why."""

    correct: bool
    mistake: str | None = None
    """A key of a known wrong formula the answer matches (``sum``, ``half``, ``sign`` …)."""
    note: Message | None = None
    """One more sentence for the learner about this answer (why a rate or a start did what it did)."""
    diverged: bool = False
    """True when judging ran the answer and the run diverged (a learning rate)."""


@dataclass(frozen=True)
class Judgement:
    """What a check says about a set of parsed answers: a verdict per answer, and the run it made."""

    verdicts: dict[str, Verdict]
    run: engine.DescentRun | None = None


def _no_mistakes(params: Params) -> dict[str, Answers]:
    return {}


def _no_choices(params: Params) -> dict[str, tuple[Any, ...]]:
    return {}


@dataclass(frozen=True)
class Check:
    """One kind of numeric exercise: how its numbers are made and how answers to them are judged.

    ``answers`` maps each answer name (a command-line contract) to its kind. ``generate`` draws
    params (plain JSON values) from a seeded generator for a difficulty; it may raise
    ``Retry`` to draw again. Everything else is a pure function of the params: ``expected``
    the engine's answers, ``mistakes`` the values of known wrong formulas (mistake key → answer
    name → value), ``fields`` the texts a prompt's ``{placeholders}`` show, ``worked`` the texts a
    worked solution shows, ``choices`` the allowed values of choice and position answers, ``public``
    the params shown to the learner (a loss history hides the rate that made it).
    ``judge`` replaces the default tolerance comparison where an answer is judged by running it.
    """

    name: str
    answers: dict[str, str]
    generate: Callable[[np.random.Generator, str], dict[str, Any]]
    expected: Callable[[Params], Answers]
    fields: Callable[[Params], dict[str, str]]
    worked: Callable[[Params], Worked]
    mistakes: Callable[[Params], dict[str, Answers]] = _no_mistakes
    choices: Callable[[Params], dict[str, tuple[Any, ...]]] = _no_choices
    judge: Callable[[Params, Mapping[str, Any]], Judgement] | None = None
    public: Callable[[Params], dict[str, Any]] = dict
    """The params a learner (or a script) may see; by default all of them."""
    difficulties: tuple[str, ...] = DIFFICULTIES
    tries: int = field(default=400)


R = TypeVar("R")
T = TypeVar("T")


def memo(function: Callable[[Params], R]) -> Callable[[Params], R]:
    """Remember ``function(params)`` per params: a check asks for the same descent runs and
    sweeps several times (expected answers, mistakes, judging, the worked solution)."""
    cache: dict[str, R] = {}

    @functools.wraps(function)
    def remembered(params: Params) -> R:
        key = json.dumps(dict(params), sort_keys=True)
        if key not in cache:
            if len(cache) >= 256:
                cache.clear()
            cache[key] = function(params)
        return cache[key]

    return remembered


def known(value: T | None, what: str) -> T:
    """``value``, which every well-posed problem has; ``GenerationError`` naming ``what`` when it is
    missing (the generator only returns problems that have it, so this is a bug to fix)."""
    if value is None:
        raise GenerationError(f"the problem has no {what}")
    return value


def run_losses(run: engine.DescentRun) -> np.ndarray:
    """The loss per step of a run made with a loss function (every run a check makes is)."""
    return known(run.losses, "loss history")


def choice_word(choice: str) -> LocalText:
    """The word a choice answer shows for the canonical id ``choice``, in both languages."""
    return LocalText(CHOICE_WORDS[choice]["en"], CHOICE_WORDS[choice]["ko"])
