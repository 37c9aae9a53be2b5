"""An exercise's hint ladder: the hints shown so far, gentlest first, one more at each step.

The ladder holds how many hints are open in a reactive; climbing it says whether there was one
more, so the exercise body can keep the count with the learner's work and stop offering the
"stuck?" line in the same frame. The ladder with one more hint is drawn while the learner reads
(``draw_next_ahead``): the key that opens it then draws none of its text.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from studytrack.domain.exercises.model import Exercise, hint
from studytrack.i18n import Catalog
from studytrack.ui.widgets.kept_lines import AheadStatic

TEXT = Catalog("ui.widgets.hint_ladder")


class HintLadder(AheadStatic):
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

    def on_mount(self) -> None:
        """Once the exercise is drawn, draw the next step of the ladder ahead."""
        self.call_after_refresh(self.draw_next_ahead)

    def watch_shown(self, shown: int) -> None:
        """Show the open hints in place; once drawn, the next step ahead."""
        self.show_hints(shown)
        self.call_after_refresh(self.draw_next_ahead)

    def show_hints(self, shown: int) -> None:
        """The first ``shown`` hints, each with its place on the ladder; hidden when none."""
        self.display = shown > 0
        self.update(self.ladder(shown))

    def ladder(self, shown: int) -> Content:
        """The text of the first ``shown`` hints."""
        count = len(self.exercise.hints)
        return Content("\n".join(
            TEXT("hint", self.lang, level=level, count=count, text=hint(self.exercise, level).get(self.lang))
            for level in range(1, shown + 1)
        ))

    def draw_next_ahead(self) -> None:
        """Draw the ladder with one more hint, as wide as the body will show it (a body that is
        then otherwise wide draws it afresh); nothing past the last hint."""
        body = self.parent
        if self.is_attached and isinstance(body, Widget) and self.shown < len(self.exercise.hints):
            self.draw_ahead(self.ladder(self.shown + 1), body.scrollable_content_region.width)
