"""How a flag is said wherever the app shows one (the flags screen, Home, a review session): its
category's short name, and the day it was made as the learner's study days tell it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from studytrack.clock import from_iso
from studytrack.domain.messages import Message
from studytrack.domain.planning.days import past_day
from studytrack.i18n import Catalog

if TYPE_CHECKING:
    from studytrack.store.settings import DaySettings

TEXT = Catalog("ui.widgets.flag_words")


def category_name(category: str, lang: str) -> str:
    """The short name of flag category ``category`` in ``lang`` ("notation", "표기법")."""
    return TEXT(category, lang)


def made_day(created_at: str, now: datetime, days: DaySettings) -> Message:
    """When a flag stamped ``created_at`` (UTC ISO-8601) was made, said from ``now`` in the
    learner's study ``days`` ("yesterday", "3 days ago"); a stamp after ``now`` (the clock was set
    back) counts as today."""
    return past_day(days.day(from_iso(created_at)), days.day(now))
