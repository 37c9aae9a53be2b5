"""The learner a store write is for: their database, their clock and their language.

Writes that stamp a time and may refuse with a message take one ``Learner`` instead of the
database, "now" and the language one by one; the command line and the app build it from the
``Session`` (``Session.learner``), tests from a fixed clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from studytrack.clock import Clock, fixed_clock

if TYPE_CHECKING:
    from studytrack.store.connection import StoreDatabase


class Learner(NamedTuple):
    """Whose data a write changes, when it happens and in which language errors are told (a named
    tuple: the store's write modules import it, and a frozen dataclass costs ~1 ms at start-up)."""

    db: StoreDatabase
    """The learner's opened, migrated database."""
    clock: Clock
    """Where "now" comes from (the system clock in the app, a fixed one in tests)."""
    lang: str = "en"
    """The language of the messages a refused write raises."""

    def now(self) -> datetime:
        """The current time, from this learner's clock."""
        return self.clock()

    def at(self, moment: datetime) -> Learner:
        """The same learner with the clock stopped at ``moment`` (to replay or seed history)."""
        return self._replace(clock=fixed_clock(moment))
