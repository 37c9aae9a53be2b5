"""The footer of keys, redrawn only where the keys it lists change.

Textual's ``Footer`` composes its whole row of keys again after the next frame, once for every
change of focus and every ``refresh_bindings``: three times for one answer in a review session,
each a new row of widgets to style and lay out in a frame of its own, although two of them list
the same keys and the third adds one. ``KeysFooter`` looks once, before the next frame, however
many changes came: the same keys, nothing to do; a key added, dropped or changed, that key is
shown or hidden. A key no longer listed is hidden rather than removed, and shown again when it
comes back (an answer adds ``u``, its undo drops it): after the first time the row changes in
place, in the frame that draws the change, with nothing to mount. Grouped keys (Textual's
``KeyGroup``) fall back to composing the row again.
"""

from __future__ import annotations

from asyncio import gather
from typing import Any

from textual.compose import compose
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

ListedKey = tuple[str, str, str, bool, str]
"""One key as the footer lists it: the key, its action, its label, enabled, its tooltip."""


KEY_FIELDS = ("key", "key_display", "description", "action")
"""What a plain key of Textual's footer holds (its class is not public, its attributes are)."""

PLACED_CLASSES = frozenset({"-compact"})
"""Classes a key takes once mounted (the compact footer's watcher adds ``-compact``): a key just
composed lacks them and still shows the same."""


def drawn_as(widget: Widget) -> tuple[object, ...] | None:
    """What a plain key of the footer shows (key, label, action, classes, tooltip), to tell
    whether a drawn key can stay; None for anything else (a group of keys, a group's label)."""
    fields = tuple(getattr(widget, name, None) for name in KEY_FIELDS)
    if None in fields:
        return None
    return (*fields, tuple(sorted(set(widget.classes) - PLACED_CLASSES)), str(widget.tooltip or ""))


class KeysFooter(Footer):
    """A ``Footer`` that shows, hides or adds only the keys that changed, and does nothing when
    none did."""

    def __init__(self, *, compact: bool = False) -> None:
        """A footer, ``compact`` or not, that lists nothing until the screen's keys are known."""
        super().__init__(compact=compact)
        self.listed: tuple[ListedKey, ...] | None = None
        """The keys drawn last (None before the first drawing)."""
        self.look_pending = False
        """Whether a look at the screen's keys is already on its way."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed: look once, before the next frame (the first time,
        Textual's own way, which also marks the keys as ready to list)."""
        if self.listed is None:
            super().bindings_changed(screen)
        elif not self.look_pending and screen.app.app_focus and self.is_attached and screen is self.screen:
            self.look_pending = True
            self.call_later(self.recompose)

    def keys_to_list(self) -> tuple[ListedKey, ...]:
        """The screen's keys as the footer would list them now (labels in the app's language)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def recompose(self) -> None:
        """Draw the keys that changed, unless none did (the first drawing composes the row)."""
        self.look_pending = False
        keys = self.keys_to_list()
        if keys == self.listed:
            return
        first = self.listed is None
        self.listed = keys
        if first or not await self.redraw_changed_keys():
            await super().recompose()

    async def redraw_changed_keys(self) -> bool:
        """Show the keys listed now in their order, each the key drawn before where there is one
        (shown again if hidden), mounting only keys never drawn; hide the rest. False (nothing
        touched) when the row holds anything but plain keys."""
        drawn = list(self.children)
        wanted = compose(self)  # also sets the row's number of columns
        looks = [drawn_as(widget) for widget in wanted]
        if None in looks or any(drawn_as(widget) is None for widget in drawn):
            return False
        spare: dict[tuple[object, ...] | None, list[Widget]] = {}
        for widget in drawn:
            spare.setdefault(drawn_as(widget), []).append(widget)
        row = [spare[look].pop(0) if spare.get(look) else widget for look, widget in zip(looks, wanted, strict=True)]
        new = [widget for widget in row if widget not in drawn]
        if new:
            # mounted together and waited for together: waiting for each in turn let the frame
            # clock lay the screen out and draw it again between them
            await gather(*(self.mount(widget) for widget in new))
            if not self.is_attached or any(widget.parent is not self for widget in row):
                return True  # the footer left its screen meanwhile: nothing left to show
        for widget in drawn:
            if widget not in row:
                widget.display = False
        for index, widget in enumerate(row):
            widget.display = True
            if self.children[index] is not widget:
                self.move_child(widget, before=index)
        return True
