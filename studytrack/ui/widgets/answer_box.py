"""A box an answer is typed in: Textual's ``Input``, Enter submitting it where it is typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class AnswerBox(Input):
    """An answer's box (a quiz item's, an exercise's numbers). Enter submits here and stops:
    otherwise the key would go up through the card or the form, the body, the screen and the app,
    looking for a handler, before the box's own binding did the same (~1 ms of a check's frame)."""

    async def key_enter(self, event: events.Key) -> None:
        """Submit, as the box's binding for Enter does, and keep the key from going further."""
        event.stop()
        event.prevent_default()
        await self.action_submit()
