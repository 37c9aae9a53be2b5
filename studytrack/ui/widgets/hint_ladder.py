"""An exercise's hint ladder: the hints shown so far, gentlest first, one more at each step.

The ladder holds how many hints are open in a reactive; climbing it tells the screen with a
message, so the screen can keep the count with the learner's work and stop offering the
"stuck?" line.
"""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from studytrack.domain.exercises.model import Exercise, hint
from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.hint_ladder")


class HintLadder(Static):
    """The hints of one exercise shown so far; hidden while none is."""

    class Climbed(Message):
        """One more hint is shown."""

        def __init__(self, shown: int) -> None:
            """``shown`` hints are open now."""
            super().__init__()
            self.shown = shown
            """How many hints are open."""

    class AtTheTop(Message):
        """Every hint is already shown: there is no next one."""

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

    def climb(self) -> None:
        """Open the next hint, or say that the last one is open already."""
        if self.shown < len(self.exercise.hints):
            self.shown += 1
            self.post_message(self.Climbed(self.shown))
        else:
            self.post_message(self.AtTheTop())

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
