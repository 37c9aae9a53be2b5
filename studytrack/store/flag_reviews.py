"""Revisiting an open flag in a session: kept open or resolved, logged so it can be undone."""

import json
from dataclasses import dataclass

from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.database import immediate
from studytrack.store.flags import Flag, get_flag, resolve_flag
from studytrack.store.learner import Learner
from studytrack.store.undo import log_entry
from studytrack.vocabulary import FlagReviewOutcome, LogKind

TEXT = Catalog("store.flag_reviews")


@dataclass(frozen=True)
class FlagReview:
    """What ``review_flag`` stored."""

    log_id: int
    flag: Flag
    """The flag afterwards (resolved when the learner got it)."""
    still_confused: bool


def review_flag(
    learner: Learner,
    flag_id: int,
    still_confused: bool,
    note: str,
    *,
    seconds: float | None = None,
) -> FlagReview:
    """Revisit an open flag in a session: "still confused" keeps it open (``note`` goes to the
    log), "I get it now" resolves it with ``note`` as what made it click. Logged as kind
    ``flag`` so it can be undone. An unknown or resolved flag raises a ``StudytrackError``."""
    db, lang, moment = learner.db, learner.lang, learner.now()
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        if not flag.is_open:
            raise StudytrackError(TEXT("flag_resolved", lang, flag_id=flag_id))
        previous = None
        if not still_confused:
            previous = json.dumps({"resolved_at": flag.resolved_at,
                                   "resolution_note": flag.resolution_note})
            flag = resolve_flag(learner.at(moment), flag_id, note, journaled=False)
        log_id = log_entry(
            db, LogKind.FLAG, moment, topic_id=flag.topic_id, flag_id=flag_id,
            outcome=FlagReviewOutcome.STILL_CONFUSED if still_confused else FlagReviewOutcome.RESOLVED,
            seconds=seconds, note=note.strip(), previous=previous,
        )
    return FlagReview(log_id, flag, still_confused)
