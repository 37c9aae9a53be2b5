"""A line of text changed in place, laid out again only when its height changes.

``Static.update`` asks the screen for a layout every time: every widget of the screen is arranged
again and whatever moved is drawn again. A line whose new text takes as many lines at its width as
the old one needs only to be drawn again (on the exercise screen, the feedback after every check
but the first, the key hint line: ~3 ms of a check at 80×24), and a line given the text it has
needs nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static


def same_text(old: VisualType, new: VisualType) -> bool:
    """Whether ``new`` shows what ``old`` shows: the same string, or the same text with the same
    styles (``Content``'s own ``==`` compares the text alone; a Rich ``Text``'s, text and spans)."""
    if isinstance(old, Content) and isinstance(new, Content):
        return old.plain == new.plain and old.spans == new.spans
    if isinstance(old, Text) and isinstance(new, Text):
        return old == new and old.style == new.style and old.overflow == new.overflow
    return type(old) is type(new) and isinstance(new, str) and old == new


def update_in_place(line: Static, text: VisualType) -> None:
    """Show ``text`` in ``line``: nothing when it is the text shown; else drawn again, and laid
    out again only when its height at its width changes (or it is not laid out yet)."""
    if same_text(line.content, text):
        return
    width, height = line.size
    if not (line.is_mounted and line.display and width):
        line.update(text)
        return
    line.update(text, layout=False)
    if line.get_content_height(line.size, line.screen.size, width) != height:
        line.refresh(layout=True)
