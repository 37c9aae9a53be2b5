"""The checks behind the numeric exercises: seeded generators, expected answers, known mistakes.

Every exercise file in ``content/exercises/`` names one check (``check = "mse"``). A check
generates readable numbers from a seeded ``numpy.random.Generator`` for a difficulty (easy,
normal, hard), and computes with the engine everything that depends on them: the expected
answers, the values the known wrong formulas give (so feedback can name the mistake), the
numbers a worked solution shows, and, where an answer is judged by running it (a learning rate,
a start), the learner's own descent run. Imports only the engine, numpy and the standard library.

One module per exercise kind (``mse``, ``mse_gradient``, ``gd_step``, ``learning_rate``,
``global_minimum_start``, ``critical_point``, ``loss_curve``; the three line kinds share
``line``), the parts they are made of in ``base``, the shared number helpers in ``numbers``,
and the list of them with generating and judging in ``registry``. The names callers use are
re-exported here, so ``checks.CHECKS`` or ``from …checks import num`` read as before.
"""

from studytrack.domain.exercises.checks.base import (
    CHOICE,
    CHOICE_KINDS,
    CHOICE_WORDS,
    DIFFICULTIES,
    NUMBER,
    POSITION,
    RATE,
    Answers,
    Check,
    GenerationError,
    Judgement,
    Params,
    Verdict,
    choice_word,
    mistake_message,
)
from studytrack.domain.exercises.checks.learning_rate import rate_run, rate_window
from studytrack.domain.exercises.checks.loss_curve import CURVES, curve_run, diagnose_loss_history, shown_losses
from studytrack.domain.exercises.checks.numbers import clean, num, num_list, polynomial_text, quadratic_text, sig
from studytrack.domain.exercises.checks.registry import CHECKS, generate_params, judge

__all__ = [
    "CHECKS",
    "CHOICE",
    "CHOICE_KINDS",
    "CHOICE_WORDS",
    "CURVES",
    "DIFFICULTIES",
    "NUMBER",
    "POSITION",
    "RATE",
    "Answers",
    "Check",
    "GenerationError",
    "Judgement",
    "Params",
    "Verdict",
    "choice_word",
    "clean",
    "curve_run",
    "diagnose_loss_history",
    "generate_params",
    "judge",
    "mistake_message",
    "num",
    "num_list",
    "polynomial_text",
    "quadratic_text",
    "rate_run",
    "rate_window",
    "shown_losses",
    "sig",
]
