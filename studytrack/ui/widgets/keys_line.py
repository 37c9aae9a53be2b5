"""A screen's footer of keys in one widget: the line Textual's compact ``Footer`` draws, as one text.

Textual's ``Footer`` lists nothing until the screen has been drawn once, then composes a widget
per key after the next refresh, and composes the row again whenever the keys may have changed:
each key styled, measured, laid out and drawn on its own (ten on Home, a tenth of its start-up;
on the review screen, six or seven keys measured and drawn again with every answer and undo). ``KeysLine`` draws the
same line as one text in one widget: the keys that work now (``Screen.active_bindings``, in the
screen's order, one per action), drawn with the screen's first frame and redrawn only when a
key, its label or whether it works changed: after the next refresh, as Textual's footer looks (a
dialog opened meanwhile has the focus by then), or with ``before_frame`` before the next frame
(a key's change and the footer's then drawn in one frame). A click on a key presses it and the
key under the pointer is highlighted, as on Textual's footer.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from studytrack.ui.widgets.kept_lines import KeptLines, keep

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
"""A key, as Textual's footer draws it (``footer-key--key``)."""

DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
"""What a key does, as Textual's footer draws it (``footer-key--description``)."""

SPACE_STYLE = "$footer-foreground on $footer-background"
"""The space between two keys: the footer's own colours (Textual's footer: a key's margin)."""

Span = tuple[int, int, str]
"""Where a key is drawn on the line: its first and past-the-last column, and the key it presses."""

ListedKey = tuple[str, str, str, str, bool]
"""One key as the line lists it: the key, its action, the key as shown, its label, enabled."""


class KeysLine(KeptLines, Static):
    """The screen's keys in one line, as Textual's compact footer shows them."""

    DEFAULT_CSS = """
    KeysLine {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """
    """Docked at the bottom, in the footer's colours."""

    ALLOW_SELECT = False

    def __init__(self, *, before_frame: bool = False) -> None:
        """An empty line: the keys are known once it is on its screen (``on_mount``); with
        ``before_frame``, a change of keys is looked at before the next frame rather than after."""
        super().__init__()
        self.before_frame = before_frame
        """Whether a change of keys is looked at before the next frame (else after the next refresh)."""
        self.listed: tuple[ListedKey, ...] | None = None
        """The keys drawn (None before the first drawing)."""
        self.look_pending = False
        """Whether a look at the screen's keys is already on its way."""
        self.spans: list[Span] = []
        """Where each key is drawn: its first and past-the-last column, and the key it presses."""
        self.hovered: int | None = None
        """The column span (index in ``spans``) under the pointer, drawn highlighted."""
        self.texts: dict[Hashable, tuple[Content, list[Span]]] = {}
        """The line made for each list of keys and highlight (``keys_text``), a few at most."""

    def on_mount(self) -> None:
        """Draw the keys, and again whenever the screen says they changed."""
        self.redraw()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening to the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed: look once however many changes came, before the
        next frame or after the next refresh (``before_frame``)."""
        if not self.look_pending and screen.app.app_focus and self.is_attached and screen is self.screen:
            self.look_pending = True
            if self.before_frame:
                self.call_later(self.redraw)
            else:
                self.call_after_refresh(self.redraw)

    def keys_to_list(self) -> tuple[ListedKey, ...]:
        """The keys the line lists now, in the screen's order: one per action (its first key)
        that is shown, with its label in the app's language and whether it works now."""
        by_action: dict[str, tuple[Binding, bool]] = {}
        screen = self.screen
        # a studytrack screen's footer_keys (the shown keys alone), asked by name: widgets never
        # import screens (the import contract in pyproject.toml)
        footer_keys = getattr(screen, "footer_keys", None)
        active = footer_keys() if footer_keys is not None else screen.active_bindings
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled)
        return tuple((binding.key, binding.action, self.app.get_key_display(binding), binding.description, enabled)
                     for binding, enabled in by_action.values())

    def redraw(self) -> None:
        """Draw the keys, unless they are the ones drawn already."""
        self.look_pending = False
        if not self.is_attached:
            return
        listed = self.keys_to_list()
        if listed != self.listed:
            self.listed, self.hovered = listed, None
            self.update(self.keys_text(), layout=False)  # one line, whatever it says: no layout

    def keys_text(self) -> Content:
        """Every key and what it does, one space apart, as the compact footer draws them (a key
        that does not work now dim, the one under the pointer highlighted); made once for each
        list of keys and highlight (an answer and its undo swap between two lists)."""
        state = (self.listed, self.hovered)
        made = self.texts.get(state)
        if made is None:
            made = keep(self.texts, state, self.make_keys_text())
        text, spans = made
        self.spans = list(spans)
        return text

    def make_keys_text(self) -> tuple[Content, list[Span]]:
        """The line of ``keys_text``, and where each key is drawn on it."""
        labels: list[Content] = []
        spans: list[Span] = []
        column = 0
        for index, (key, _, shown, description, enabled) in enumerate(self.listed or ()):
            label = Content.assemble(Content.styled(shown, KEY_STYLE),
                                     Content.styled(f" {description}", DESCRIPTION_STYLE))
            if not enabled:
                label = label.stylize("dim")
            if index == self.hovered:
                label = label.stylize_before("on $block-hover-background")
            spans.append((column, column + label.cell_length, key))
            column += label.cell_length + 1
            labels.append(label)
        return Content.styled(" ", SPACE_STYLE).join(labels), spans

    def drawing_state(self) -> Hashable | None:
        """The keys listed and the one highlighted (``KeptLines``: an answer and its undo swap
        between two lists of keys, each then drawn once)."""
        return (self.listed, self.hovered)

    def key_at(self, x: int) -> int | None:
        """The index of the key drawn at column ``x`` (None: between keys or past them)."""
        return next((index for index, (start, end, _) in enumerate(self.spans) if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it, as a click on Textual's footer does."""
        index = self.key_at(event.x)
        if index is not None:
            self.app.simulate_key(self.spans[index][2])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer."""
        self.hover(self.key_at(event.x))

    def on_leave(self) -> None:
        """The pointer left: no key is highlighted."""
        self.hover(None)

    def hover(self, index: int | None) -> None:
        """Highlight key ``index`` (None: none), redrawing only on a change."""
        if index != self.hovered:
            self.hovered = index
            self.update(self.keys_text(), layout=False)
