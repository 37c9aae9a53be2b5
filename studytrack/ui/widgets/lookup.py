"""Finding one widget that may be absent, fast.

Textual's ``query`` parses its selector and walks and matches every widget below each time it is
used: 130–360 µs on the exercise body, five of them in a hint's key (~1.5 ms of ~15). ``query_one``
keeps what it found until the node's own children change: under a microsecond. (It keeps an id's
widget until then even if it leaves a grandchild's place: look up so only what lives as long as the
node's children, as the exercise body's lines do, recomposed with it.)
"""

from __future__ import annotations

from typing import TypeVar

from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.widget import Widget

Found = TypeVar("Found", bound=Widget)
"""The kind of widget looked for."""


def one_or_none(node: DOMNode, selector: str, kind: type[Found]) -> Found | None:
    """The first widget below ``node`` that ``selector`` matches, as ``kind`` (which it must be),
    or None where there is none."""
    try:
        return node.query_one(selector, kind)
    except NoMatches:
        return None
