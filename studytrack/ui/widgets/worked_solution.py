"""An exercise's worked solution with the numbers of the learner's problem, opened only after a
real attempt (the screen asks the store first)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from studytrack.domain.exercises.model import ExerciseInstance, solution_text
from studytrack.i18n import Catalog
from studytrack.ui.widgets.reflow import reflow

TEXT = Catalog("ui.widgets.worked_solution")


def solution_content(instance: ExerciseInstance, lang: str) -> Content:
    """The heading (with the seed of a numeric problem) and the engine's worked solution."""
    code = instance.exercise.is_code
    heading = TEXT("code_heading", lang) if code else TEXT("heading", lang, seed=instance.seed)
    return Content.assemble((heading, "bold"), "\n", reflow(solution_text(instance, lang)))


class WorkedSolution(Static):
    """The worked solution of one problem."""

    def __init__(self, instance: ExerciseInstance, lang: str, *, id: str | None = None):
        """The solution of ``instance`` in ``lang``."""
        super().__init__(solution_content(instance, lang), id=id)
        self.instance = instance
        """The problem solved."""
