"""An exercise's hint ladder: the hints shown so far, gentlest first, one more at each step.

The ladder holds how many hints are open in a reactive; climbing it says whether there was one
more, so the exercise body can keep the count with the learner's work and stop offering the
"stuck?" line in the same frame.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from studytrack.domain.exercises.model import Exercise, hint
from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.hint_ladder")


class HintLadder(Static):
    """The hints of one exercise shown so far; hidden while none is."""

    shown: reactive[int] = reactive(0, init=False)
    """How many hints are open (0: the ladder is hidden)."""

    def __init__(self, exercise: Exercise, lang: str, shown: int = 0, *, id: str | None = None):
        """The ladder of ``exercise`` in ``lang`` with ``shown`` hints open."""
        super().__init__(id=id)
        self.exercise = exercise
        """The exercise whose hints these are."""
        self.lang = lang
        """The language of the hints."""
        self.set_reactive(HintLadder.shown, shown)
        self.show_hints(shown)

    def climb(self) -> bool:
        """Open the next hint; False when the last one is open already."""
        if self.shown >= len(self.exercise.hints):
            return False
        self.shown += 1
        return True

    def watch_shown(self, shown: int) -> None:
        """Show the open hints in place."""
        self.show_hints(shown)

    def show_hints(self, shown: int) -> None:
        """The first ``shown`` hints, each with its place on the ladder; hidden when none."""
        count = len(self.exercise.hints)
        self.display = shown > 0
        self.update(Content("\n".join(
            TEXT("hint", self.lang, level=level, count=count, text=hint(self.exercise, level).get(self.lang))
            for level in range(1, shown + 1)
        )))
