"""Reviews in the store: FSRS cards, the review log, breaks, undo, and gathering today's session.

Every quiz item the learner has answered (correct or incorrect) is a card in ``cards``; every
answer that reviews a card, every practice answer and every flag review is a row of
``review_logs`` holding what it changed, so ``undo_last_review`` can put it back exactly.
The rules of the session itself live in ``studytrack.domain.planning.today``; this module only reads
what they need, with bounded queries (the log is never scanned).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.days import day_end, day_start, local_timezone, study_day
from studytrack.domain.planning.forgetting import recall_probability
from studytrack.domain.planning.today import (
    ANSWER_SAMPLE,
    DEFAULT_FLAG_SECONDS,
    DEFAULT_ITEM_SECONDS,
    FLAG_SAMPLE,
    FLAG_SECONDS_RANGE,
    ITEM_SECONDS_RANGE,
    CourseOutline,
    DueCard,
    NewItem,
    OpenFlag,
    PlanInputs,
    TodayPlan,
    focus_topics,
    measured_seconds,
    outline_of,
    plan_session,
)
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.database import immediate
from studytrack.store.flags import Flag, get_flag, list_flags, resolve_flag
from studytrack.store.journal import checkin_for, latest_ratings
from studytrack.store.quiz_attempts import QuizAttempt, record_quiz_attempt
from studytrack.store.settings import DEFAULTS, RANGES, get_setting

if TYPE_CHECKING:
    from fsrs import Card

# fsrs (and domain.schedule) are imported only where a card is built or changed: importing it
# costs ~5 ms, which listing today's session does without (see domain.forgetting).

CARD_COLUMNS = (
    "item_id", "topic_id", "state", "step", "stability", "difficulty", "due", "last_review",
    "reps", "lapses", "created_at",
)
"""The columns of ``cards``, in the order of the migration."""

TEXT = Catalog("store.reviews")


@dataclass(frozen=True)
class DaySettings:
    """The learner's zone and rollover hour: where one study day ends and the next begins."""

    tz: tzinfo
    rollover_hour: int

    def day(self, now: datetime) -> date:
        """The study day ``now`` belongs to."""
        return study_day(now, self.tz, self.rollover_hour)

    def start(self, day: date) -> datetime:
        """The UTC moment study day ``day`` begins."""
        return day_start(day, self.tz, self.rollover_hour)

    def end(self, day: date) -> datetime:
        """The UTC moment study day ``day`` ends."""
        return day_end(day, self.tz, self.rollover_hour)


def day_settings(db: Database, tz: tzinfo | None = None) -> DaySettings:
    """The learner's day settings (settings ``timezone`` and ``rollover_hour``); ``tz`` overrides
    the zone."""
    zone = tz or local_timezone(get_setting(db, "timezone") or None)
    return DaySettings(zone, int(_number_setting(db, "rollover_hour")))


def desired_retention(db: Database) -> float:
    """Setting ``desired_retention`` (FSRS's target; see ``domain.schedule.RETENTION_RANGE``)."""
    return _number_setting(db, "desired_retention")


def daily_minutes(db: Database) -> float:
    """Setting ``daily_minutes``: the time budget of a normal day."""
    return _number_setting(db, "daily_minutes")


def _number_setting(db: Database, key: str) -> float:
    """A numeric setting clamped to its range (``store.settings.RANGES``); its default when the
    stored text is no finite number (``nan`` would slip through the clamp)."""
    low, high = RANGES[key]
    try:
        value = float(get_setting(db, key))
    except ValueError:
        value = float(DEFAULTS[key])
    if not math.isfinite(value):
        value = float(DEFAULTS[key])
    return min(max(value, low), high)


# --- cards -----------------------------------------------------------------------------------


def card_from_row(row: dict) -> Card:
    """The FSRS card stored in a ``cards`` row."""
    from fsrs import Card, State

    from studytrack.domain.planning.schedule import card_id_for

    return Card(
        card_id=card_id_for(row["item_id"]),
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=from_iso(row["due"]),
        last_review=from_iso(row["last_review"]) if row["last_review"] else None,
    )


def card_recall(row: dict, now: datetime) -> float:
    """The predicted recall (0..1) at ``now`` of the card stored in a ``cards`` row."""
    last_review = from_iso(row["last_review"]) if row["last_review"] else None
    return recall_probability(row["stability"], last_review, now)


def card_row(db: Database, item_id: str) -> dict | None:
    """The stored ``cards`` row of ``item_id`` (every column), or None when never answered."""
    cursor = db.execute(f"SELECT {', '.join(CARD_COLUMNS)} FROM cards WHERE item_id = ?", [item_id])
    row = cursor.fetchone()
    return dict(zip(CARD_COLUMNS, row, strict=True)) if row else None


def card_for(db: Database, item_id: str) -> Card | None:
    """The FSRS card of quiz item ``item_id``, or None when it has never been answered."""
    row = card_row(db, item_id)
    return card_from_row(row) if row else None


def _write_card(db: Database, row: dict) -> None:
    """Insert or replace one ``cards`` row."""
    db.execute(
        f"INSERT OR REPLACE INTO cards ({', '.join(CARD_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in CARD_COLUMNS)})",
        [row[column] for column in CARD_COLUMNS],
    )


# --- answering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedAnswer:
    """What ``record_answer`` stored."""

    attempt: QuizAttempt
    """The quiz attempt (always recorded)."""
    kind: str | None
    """``review``, ``practice``, or None when the answer graded nothing (invalid, empty)."""
    rating: int | None
    """The FSRS rating (1 Again, 2 Hard, 3 Good), or None."""
    card: Card | None
    """The card after the answer (unchanged by practice), or None when there is none."""
    log_id: int | None
    """The ``review_logs`` row, or None."""


def record_answer(
    db: Database,
    item,
    result,
    now: datetime,
    *,
    seconds: float | None = None,
    hinted: bool = False,
    practice: bool = False,
) -> RecordedAnswer:
    """Record an answer to quiz ``item`` (a ``QuizItem``) checked as ``result`` (a ``QuizResult``).

    The quiz attempt is always stored. A correct or incorrect answer also reviews the item's
    card (created on the first answer) and logs the review; with ``practice`` the answer is
    logged as practice and the card is left exactly as it was. ``hinted``: the learner saw a
    hint before answering correctly (rated Hard instead of Good). One transaction.
    """
    from fsrs import State

    from studytrack.domain.planning.schedule import rating_for, review, review_time

    moment = review_time(now)
    rating = rating_for(result.outcome, hinted)
    with immediate(db):
        attempt = record_quiz_attempt(
            db, item.id, item.topic, result.given, result.outcome, moment, seconds
        )
        if rating is None:
            return RecordedAnswer(attempt, None, None, card_for(db, item.id), None)
        before = card_row(db, item.id)
        card = card_from_row(before) if before else None
        if practice:
            log_id = _insert_log(db, "practice", moment, item_id=item.id, topic_id=item.topic,
                                 rating=int(rating), outcome=result.outcome, seconds=seconds,
                                 quiz_attempt_id=attempt.id)
            return RecordedAnswer(attempt, "practice", int(rating), card, log_id)
        after = review(card, item.id, rating, moment, desired_retention(db))
        lapsed = card is not None and card.state == State.Review and int(rating) == 1
        _write_card(db, {
            "item_id": item.id,
            "topic_id": item.topic,
            "state": int(after.state),
            "step": after.step,
            "stability": after.stability,
            "difficulty": after.difficulty,
            "due": to_iso(after.due),
            "last_review": to_iso(after.last_review),
            "reps": (before["reps"] if before else 0) + 1,
            "lapses": (before["lapses"] if before else 0) + int(lapsed),
            "created_at": before["created_at"] if before else to_iso(moment),
        })
        elapsed = None
        if card is not None and card.last_review is not None:
            elapsed = (moment - card.last_review).total_seconds() / 86400
        log_id = _insert_log(db, "review", moment, item_id=item.id, topic_id=item.topic,
                             rating=int(rating), outcome=result.outcome, seconds=seconds,
                             elapsed_days=elapsed, quiz_attempt_id=attempt.id,
                             previous=json.dumps(before) if before else None)
    return RecordedAnswer(attempt, "review", int(rating), after, log_id)


def _insert_log(db: Database, kind: str, moment: datetime, **values: object) -> int:
    """Append one ``review_logs`` row; returns its id."""
    values = {"kind": kind, "created_at": to_iso(moment), **values}
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    return db.execute(f"INSERT INTO review_logs ({columns}) VALUES ({marks})",
                      list(values.values())).lastrowid


# --- flags -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlagReview:
    """What ``review_flag`` stored."""

    log_id: int
    flag: Flag
    """The flag afterwards (resolved when the learner got it)."""
    still_confused: bool


def review_flag(
    db: Database,
    flag_id: int,
    still_confused: bool,
    note: str,
    now: datetime,
    *,
    seconds: float | None = None,
    lang: str = "en",
) -> FlagReview:
    """Revisit an open flag in a session: "still confused" keeps it open (``note`` goes to the
    log), "I get it now" resolves it with ``note`` as what made it click. Logged as kind
    ``flag`` so it can be undone. An unknown or resolved flag raises a ``StudytrackError``."""
    moment = now
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        if not flag.is_open:
            raise StudytrackError(TEXT("flag_resolved", lang, flag_id=flag_id))
        previous = None
        if not still_confused:
            previous = json.dumps({"resolved_at": flag.resolved_at,
                                   "resolution_note": flag.resolution_note})
            flag = resolve_flag(db, flag_id, note, moment, lang)
        log_id = _insert_log(
            db, "flag", moment, topic_id=flag.topic_id, flag_id=flag_id,
            outcome="still_confused" if still_confused else "resolved",
            seconds=seconds, note=note.strip(), previous=previous,
        )
    return FlagReview(log_id, flag, still_confused)


# --- undo ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoneReview:
    """The review ``undo_last_review`` took back."""

    kind: str
    """``review``, ``practice`` or ``flag``."""
    item_id: str | None
    flag_id: int | None
    topic_id: str
    outcome: str
    created_at: str
    card: Card | None
    """The card as restored (None when the undone review created it, or for flags)."""


def undo_last_review(db: Database, now: datetime) -> UndoneReview | None:
    """Take back the latest review of any kind and delete its log row; None when there is none.

    A card review puts the card back exactly as it was (or deletes it when that review created
    it); a practice answer only goes away; a flag review that resolved the flag re-opens it.
    The quiz attempt recorded with the answer is deleted too, so the database is as before the
    answer. A second call undoes the review before. ``now`` is part of the signature every
    review function shares; the undo itself does not depend on the time.
    """
    del now
    with immediate(db):
        row = db.execute(
            "SELECT id, kind, item_id, flag_id, topic_id, outcome, created_at, previous, "
            "quiz_attempt_id FROM review_logs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        log_id, kind, item_id, flag_id, topic_id, outcome, created_at, previous, attempt_id = row
        card = None
        if kind == "review":
            if previous is None:
                db.execute("DELETE FROM cards WHERE item_id = ?", [item_id])
            else:
                restored = json.loads(previous)
                _write_card(db, restored)
                card = card_from_row(restored)
        elif kind == "practice":
            card = card_for(db, item_id)
        elif kind == "flag" and previous is not None:
            fields = json.loads(previous)
            db.execute(
                "UPDATE flags SET resolved_at = ?, resolution_note = ? WHERE id = ?",
                [fields["resolved_at"], fields["resolution_note"], flag_id],
            )
        if attempt_id is not None:
            db.execute("DELETE FROM quiz_attempts WHERE id = ?", [attempt_id])
        db.execute("DELETE FROM review_logs WHERE id = ?", [log_id])
    return UndoneReview(kind, item_id, flag_id, topic_id, outcome, created_at, card)


# --- breaks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """A planned break: study days ``start_day`` to ``end_day``, both included."""

    id: int
    start_day: date
    end_day: date
    created_at: str

    def to_json(self) -> dict:
        """The break as the command line prints it."""
        return {"id": self.id, "start": self.start_day.isoformat(),
                "end": self.end_day.isoformat(), "created_at": self.created_at}


def plan_break(
    db: Database, start_day: date, end_day: date, now: datetime, lang: str = "en"
) -> Break:
    """Plan a break from study day ``start_day`` to ``end_day`` (both included).

    On those days the session is empty; afterwards, what fell due meanwhile is spread over the
    following days (``studytrack.domain.planning.today``). Due dates are not shifted. A break that ends
    before it starts, or has already ended, raises a ``StudytrackError``.
    """
    if end_day < start_day:
        raise StudytrackError(TEXT("break_order", lang, start=start_day, end=end_day))
    today = day_settings(db).day(now)
    if end_day < today:
        raise StudytrackError(TEXT("break_past", lang, end=end_day, today=today))
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO breaks (start_day, end_day, created_at) VALUES (?, ?, ?)",
            [start_day.isoformat(), end_day.isoformat(), to_iso(now)],
        )
    return Break(cursor.lastrowid, start_day, end_day, to_iso(now))


def breaks(db: Database) -> list[Break]:
    """Every planned break, earliest first."""
    rows = db.execute("SELECT id, start_day, end_day, created_at FROM breaks "
                      "ORDER BY start_day, id").fetchall()
    return [Break(i, date.fromisoformat(s), date.fromisoformat(e), c) for i, s, e, c in rows]


def break_on(db: Database, day: date) -> Break | None:
    """The planned break study day ``day`` lies in (the one ending last), or None."""
    row = db.execute(
        "SELECT id, start_day, end_day, created_at FROM breaks WHERE start_day <= ? "
        "AND end_day >= ? ORDER BY end_day DESC, id LIMIT 1",
        [day.isoformat(), day.isoformat()],
    ).fetchone()
    if row is None:
        return None
    return Break(row[0], date.fromisoformat(row[1]), date.fromisoformat(row[2]), row[3])


# --- today's session -------------------------------------------------------------------------


def plan_today(db: Database, course, now: datetime, tz: tzinfo | None = None) -> TodayPlan:
    """Today's session for the learner (see ``studytrack.domain.planning.today`` for the rules).

    ``course`` is the loaded ``Course`` or its ``CourseOutline``; cards of items no longer in it
    are left out. ``tz`` overrides the learner's zone setting. Every query is bounded by
    today's rows, the due cards, the open flags or the latest answers: the log is never scanned.
    """
    outline = outline_of(course)
    days = day_settings(db, tz)
    today = days.day(now)
    start, end = to_iso(days.start(today)), to_iso(days.end(today))
    checkin = checkin_for(db, today)
    condition = checkin.condition if checkin else None
    on_break = break_on(db, today)
    lesson_topics = outline.lesson_topics
    ratings = {lesson: rating.rating for lesson, rating in latest_ratings(db).items()}
    base = {"day": today, "condition": condition, "daily_minutes": daily_minutes(db),
            "lesson_ratings": ratings, "lesson_topics": lesson_topics}
    if on_break is not None:
        return plan_session(PlanInputs(**base, break_until=on_break.end_day))

    item_seconds, flag_seconds = estimated_seconds(db)
    todays = db.execute(
        "SELECT kind, item_id, flag_id, seconds, previous IS NULL FROM review_logs "
        "WHERE created_at >= ? AND created_at < ?", [start, end]
    ).fetchall()
    spent = sum(
        seconds if seconds is not None else (flag_seconds if kind == "flag" else item_seconds)
        for kind, _, _, seconds, _ in todays if kind in ("review", "flag")
    )
    new_today = sum(1 for kind, _, _, _, first in todays if kind == "review" and first)
    flags_seen_today = {flag_id for kind, _, flag_id, _, _ in todays if kind == "flag"}

    flags = list_flags(db)
    flagged = frozenset(flag.topic_id for flag in flags)
    last_seen = _flags_last_reviewed(db, [flag.id for flag in flags])
    open_flags = [
        OpenFlag(flag.id, flag.topic_id, flag.created_at, last_seen.get(flag.id))
        for flag in flags if flag.id not in flags_seen_today
    ]
    focus = focus_topics(ratings, lesson_topics, flagged)
    in_course = {item_id for item_id, _, _ in outline.items}
    rows = _card_rows(db, "due < ? AND (last_review IS NULL OR last_review < ?)", [end, start])
    if focus:
        marks = ", ".join("?" for _ in focus)
        rows += _card_rows(db, f"topic_id IN ({marks}) AND last_review < ? AND due >= ?",
                           [*sorted(focus), start, end])
    due_cards = []
    for row in rows:
        if row["item_id"] not in in_course:
            continue
        due_cards.append(DueCard(row["item_id"], row["topic_id"], from_iso(row["due"]),
                                 card_recall(row, now)))
    new_items: list[NewItem] = []
    if condition == "good":
        answered = {row[0] for row in db.execute("SELECT item_id FROM cards")}
        new_items = [item for item in outline.reading_order() if item.item_id not in answered]
    return plan_session(PlanInputs(
        **base,
        due_cards=due_cards,
        open_flags=open_flags,
        new_items=new_items,
        flagged_topics=flagged,
        item_seconds=item_seconds,
        flag_seconds=flag_seconds,
        spent_seconds=spent,
        new_today=new_today,
    ))


OUTLINE_FORMAT = 1
"""The version of the cached outline's layout; a change makes every cached outline stale."""


def course_outline(db: Database, content_dir: Path) -> CourseOutline:
    """The outline of the course in ``content_dir``, from the database's cache while none of its
    files changed (same names, sizes and modification times); otherwise the course is loaded,
    which validates it (``CourseError`` when it has problems), and the cache is refreshed.

    Parsing the whole course takes longer than planning; ``studytrack due`` and ``stats`` only
    need the outline.
    """
    folder = Path(content_dir).resolve()
    fingerprint = _fingerprint(folder)
    row = db.execute("SELECT fingerprint, outline FROM course_outlines WHERE content_dir = ?",
                     [str(folder)]).fetchone()
    if row and row[0] == fingerprint:
        data = json.loads(row[1])
        return CourseOutline(
            topic_ids=tuple(data["topic_ids"]),
            lessons=tuple((lesson, tuple(topics)) for lesson, topics in data["lessons"]),
            items=tuple(tuple(item) for item in data["items"]),
        )
    from studytrack.domain.content.course import load_course  # parsing the course costs ~30 ms

    outline = CourseOutline.of(load_course(folder))
    data = {"topic_ids": outline.topic_ids, "lessons": outline.lessons, "items": outline.items}
    with immediate(db):
        db.execute(
            "INSERT OR REPLACE INTO course_outlines (content_dir, fingerprint, outline) "
            "VALUES (?, ?, ?)", [str(folder), fingerprint, json.dumps(data)],
        )
    return outline


def _fingerprint(folder: Path) -> str:
    """Names, sizes and modification times of every file of a course folder, as one string."""
    entries = [str(OUTLINE_FORMAT)]
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            stat = os.stat(path)
            entries.append(f"{os.path.relpath(path, folder)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(entries).encode("utf-8")).hexdigest()


def _card_rows(db: Database, where: str, args: list) -> list[dict]:
    """``cards`` rows matching ``where``."""
    cursor = db.execute(f"SELECT {', '.join(CARD_COLUMNS)} FROM cards WHERE {where}", args)
    return [dict(zip(CARD_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def estimated_seconds(db: Database) -> tuple[float, float]:
    """Seconds per quiz item and per flag review: the learner's own medians over their latest
    answers and flag reviews, or the defaults until enough are timed (``domain.today``)."""
    item = measured_seconds(_latest_answer_seconds(db), DEFAULT_ITEM_SECONDS, ITEM_SECONDS_RANGE)
    flag = measured_seconds(_latest_flag_seconds(db), DEFAULT_FLAG_SECONDS, FLAG_SECONDS_RANGE)
    return item, flag


def _latest_answer_seconds(db: Database) -> list[float | None]:
    """The recorded times of the latest ``ANSWER_SAMPLE`` quiz attempts (None when untimed)."""
    rows = db.execute(
        "SELECT seconds FROM quiz_attempts ORDER BY id DESC LIMIT ?", [ANSWER_SAMPLE]
    ).fetchall()
    return [row[0] for row in rows]


def _latest_flag_seconds(db: Database) -> list[float | None]:
    """The recorded times of the latest ``FLAG_SAMPLE`` flag reviews."""
    rows = db.execute(
        "SELECT seconds FROM review_logs WHERE kind = 'flag' ORDER BY id DESC LIMIT ?",
        [FLAG_SAMPLE],
    ).fetchall()
    return [row[0] for row in rows]


def _flags_last_reviewed(db: Database, flag_ids: list[int]) -> dict[int, str]:
    """Flag id → when it was last revisited in a session, for the flags that were (one query,
    one seek per flag on ``review_logs_flag``)."""
    if not flag_ids:
        return {}
    marks = ", ".join("?" for _ in flag_ids)
    rows = db.execute(
        "SELECT flag_id, created_at FROM review_logs WHERE id IN ("
        f"SELECT MAX(id) FROM review_logs WHERE flag_id IN ({marks}) GROUP BY flag_id)",
        list(flag_ids),
    ).fetchall()
    return dict(rows)
