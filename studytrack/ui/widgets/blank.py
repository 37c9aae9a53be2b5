"""Containers that draw nothing of their own: only their background shows between their children.

Textual draws every widget of a region that changed, the containers too, though their children
cover most of what they draw and the compositor keeps the children's lines. A container is drawn
through the widget's full styling path (border, padding, tint, each line filtered): on a review
answer at 80×24, the body, the step and the card cost ~5 ms of a ~35 ms frame to draw lines that
were thrown away. A widget marked ``BLANK`` (Textual's own flag: "no border, no content") is drawn
as lines of its background colour instead, which is all a container without a border shows.

So a container marked blank must have no border, outline, hatch or content of its own: the test
``tests/functional/test_blank_containers.py`` opens the screens and checks every blank widget.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll


class Column(Vertical):
    """A ``Vertical`` that draws only its background."""

    BLANK = True


class Row(Horizontal):
    """A ``Horizontal`` that draws only its background."""

    BLANK = True


class Scroll(VerticalScroll):
    """A ``VerticalScroll`` that draws only its background (its scrollbars are widgets of their own)."""

    BLANK = True
