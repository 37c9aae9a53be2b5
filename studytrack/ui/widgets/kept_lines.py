"""Lines drawn once per state: a widget that swaps between a few contents keeps its drawings.

Textual draws a widget's lines afresh whenever its content is set, though a review's footer and
hint line go back and forth between the same two states with every answer and undo (drawing the
footer's seven styled keys took ~0.6 ms of a ~20 ms answer). ``KeptLines`` keeps the lines drawn
for each state, keyed by what decides them: the state, the widget's size, its style and the theme.
``tests/functional/test_one_frame.py`` checks that kept lines equal Textual's fresh drawing.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, TypeVar

from textual.content import Content
from textual.geometry import Size
from textual.visual import Visual, visualize
from textual.widget import _RenderCache

from studytrack.ui.widgets.one_layout import MixedIn, SettledStatic

KEPT_DRAWINGS = 8
"""How many drawings a widget keeps (its states are few; more and it starts afresh)."""

Kept = TypeVar("Kept")
"""What is kept for a state: its lines, their height, the text of a footer."""


def keep(kept: dict[Hashable, Kept], key: Hashable, value: Kept) -> Kept:
    """Keep ``value`` for ``key`` in ``kept`` (at most ``KEPT_DRAWINGS``: more and it starts
    afresh); ``value``."""
    if len(kept) >= KEPT_DRAWINGS:
        kept.clear()
    kept[key] = value
    return value


class KeptLines(MixedIn):
    """Mixed into a widget (first among its bases): it keeps the lines drawn for each of its
    states (``drawing_state``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Textual's widget, with no drawing kept yet."""
        super().__init__(*args, **kwargs)
        self.drawn_lines: dict[Hashable, Any] = {}
        """The lines drawn for each state (``_render_content``), a few at most."""
        self.kept_heights: dict[Hashable, int] = {}
        """The content's height for each state and width (``get_content_height``), a few at most."""

    def drawing_state(self) -> Hashable | None:
        """What the widget's lines show, apart from its size and style (None: draw afresh)."""
        return None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Textual's height of the text at ``width``, kept for each state (a text's lines are
        counted by wrapping it, each time it is set)."""
        state = self.drawing_state()
        if state is None:
            return super().get_content_height(container, viewport, width)
        key = self.height_key(state, width)
        height = self.kept_heights.get(key)
        if height is None:
            height = keep(self.kept_heights, key, super().get_content_height(container, viewport, width))
        return height

    def height_key(self, state: Hashable, width: int) -> tuple[object, ...]:
        """What the height of the text of ``state`` depends on (as ``Content.get_height``)."""
        rules = self.styles
        return (state, width, rules.line_pad, rules.text_overflow, rules.text_wrap)

    def drawing_key(self, state: Hashable, size: Size) -> tuple[object, ...]:
        """What the lines of ``state`` drawn at ``size`` depend on: also the style and the theme."""
        return (state, size, self.visual_style, self.app.theme)

    def _render_content(self) -> None:
        """Textual's drawing of the lines, kept for the state drawn; drawn again only for a state,
        size, style or theme not seen lately, and while text in it is selected."""
        state = self.drawing_state()
        if state is None or self.text_selection is not None:  # a selection is drawn with the text
            super()._render_content()
            return
        key = self.drawing_key(state, self.size)
        drawn = self.drawn_lines.get(key)
        if drawn is None:
            super()._render_content()
            keep(self.drawn_lines, key, self._render_cache)
        else:
            self._render_cache = drawn
            self._dirty_regions.clear()


class KeptStatic(KeptLines, SettledStatic):
    """A ``SettledStatic`` that keeps the lines drawn for each text it shows (a hint line)."""

    def drawing_state(self) -> Hashable | None:
        """The text shown, when it is a plain string."""
        content = self.content
        return content if isinstance(content, str) else None


class AheadStatic(KeptLines, SettledStatic):
    """A ``SettledStatic`` that keeps the lines drawn for each text it shows and can draw a text
    before showing it (``draw_ahead``): a card's explanation and feedback, drawn while its
    question is read, are then shown by the answer without being drawn in its frame; so is an
    exercise's next hint. A drawing is kept by the text, its spans, the width, the text style and
    the theme: a style that aligns or links the text differently per state would need its key."""

    def drawing_state(self) -> Hashable | None:
        """The text shown, with its styles (a ``Content``'s equality looks at its text alone)."""
        return content_key(self.content)

    def draw_ahead(self, content: Content, room: int) -> None:
        """Draw ``content`` as Textual would draw it in a container ``room`` cells wide (within
        the line's margin, padding and border), kept for when the line shows it at that width (a
        width that turns out otherwise draws afresh)."""
        styles = self.styles
        width = room - styles.margin.width - styles.gutter.width
        state = content_key(content)
        if state is None or width <= 0 or not self.is_attached:
            return
        height_key = self.height_key(state, width)
        height = self.kept_heights.get(height_key)
        if height is not None and self.drawing_key(state, Size(width, height)) in self.drawn_lines:
            return  # drawn already (a check drawn ahead again after a layout that left its width)
        visual = visualize(self, content, markup=self._render_markup)
        size = Size(width, visual.get_height(styles, width))  # type: ignore[arg-type]  # as Widget.get_content_height
        keep(self.kept_heights, height_key, size.height)
        key = self.drawing_key(state, size)
        if key not in self.drawn_lines:
            strips = Visual.to_strips(self, visual, width, size.height, self.visual_style)
            keep(self.drawn_lines, key, _RenderCache(size, strips))


def content_key(content: object) -> Hashable | None:
    """What a line's drawing depends on in ``content``: a string, or a ``Content``'s text and
    styled spans (None where they are not hashable)."""
    if isinstance(content, str):
        return content
    if isinstance(content, Content):
        key = (content.plain, tuple(content.spans))
        try:
            hash(key)
        except TypeError:
            return None
        return key
    return None
