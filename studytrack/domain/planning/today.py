"""Today's study session: what to review, which flags to revisit and what is new, sized to the
learner's condition and time budget. Pure: the store gathers ``PlanInputs``, ``plan_session``
decides.

The rules (the README and the issue describe them for learners):

- Condition: ``good`` → up to the daily budget (setting ``daily_minutes``), reviews and flags
  first, then new quiz items in course order (at most ``NEW_ITEMS_PER_DAY`` a day); ``okay`` →
  reviews and flags only, up to the daily budget; ``low`` → at most ``LOW_MINUTES``: one open
  flag and the most forgotten due items, nothing new. No check-in yet counts as ``okay``, and the
  note says so.
- Time already spent today (reviews and flag reviews, not practice) comes off the budget, so
  planning again after studying never hands out a second session.
- Order: lowest retrievability first (ties: earliest due, then item id). One flag is taken
  before the reviews so flags are never starved; more flags follow if time is left.
- Backlog spreading: a session holds at most the budget's worth. Whatever is due and does not
  fit waits for a later day, where it is served first if it is then the most forgotten; the plan
  says what today holds, never how much is waiting. After any absence the backlog is therefore
  spread over the following days, no day above its budget.
- Breaks: on a day inside a planned break the session is empty (the note says so); due dates are
  not shifted, since memory fades during a break whatever the calendar says. Cards that fell due
  during the break are spread over the days after it by the rule above.
- Lesson ratings: a lesson rated ``too_hard`` (its latest rating) makes its flagged topics the
  session's focus: their open flags and their answered items (due or not, unless already
  reviewed today) come first, and their new items lead the new ones; its topics prefer the
  ``easy`` exercise variants. ``too_easy`` prefers ``hard`` variants, ``just_right`` ``normal``.
- Time estimates: the median of the learner's own recorded answer times (the latest
  ``ANSWER_SAMPLE`` attempts), once at least ``MIN_TIMED_SAMPLES`` are timed; until then
  ``DEFAULT_ITEM_SECONDS`` per item and ``DEFAULT_FLAG_SECONDS`` per flag review.

The value types are named tuples (immutable, compared and shown by their fields, as frozen
dataclasses would be): ``studytrack due --json`` imports this module, and each frozen dataclass
costs ~1 ms at start-up (their module another ~7 ms).
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from studytrack.domain.messages import Joined, Message
from studytrack.i18n import Catalog
from studytrack.vocabulary import Condition, choices

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course

LOW_MINUTES = 5
"""The most a session on a ``low`` day asks for."""

NEW_ITEMS_PER_DAY = 10
"""The most new quiz items a day introduces, however much time is left."""

DEFAULT_ITEM_SECONDS = 30.0
"""Time per quiz item until the learner has enough timed answers."""

DEFAULT_FLAG_SECONDS = 120.0
"""Time per flag review until the learner has enough timed flag reviews."""

ITEM_SECONDS_RANGE = (5.0, 180.0)
"""Measured per-item times are kept within this range (a forgotten open screen is not a pace)."""

FLAG_SECONDS_RANGE = (30.0, 600.0)
"""Measured per-flag times are kept within this range."""

ANSWER_SAMPLE = 200
"""How many of the latest quiz attempts the per-item time is measured on."""

FLAG_SAMPLE = 50
"""How many of the latest flag reviews the per-flag time is measured on."""

MIN_TIMED_SAMPLES = 10
"""Timed answers needed before the learner's own median replaces the default."""

CONDITIONS = choices(Condition)
"""How the learner feels today (``studytrack.vocabulary.Condition``)."""

DIFFICULTY_FOR_RATING = {"too_hard": "easy", "just_right": "normal", "too_easy": "hard"}
"""Which exercise variant a lesson's topics prefer after the learner rated the lesson."""

DEFAULT_DIFFICULTY = "normal"
"""The exercise variant of a topic whose lesson has no rating."""

TEXT = Catalog("domain.planning.today")

Step = TypeVar("Step")


class CourseOutline(NamedTuple):
    """What planning and progress need of a course: its topic ids, each lesson's topics and
    each quiz item's topic and section, all in course order. Small enough to cache, so a
    command can plan without parsing the whole course (``store.outline_cache.course_outline``)."""

    topic_ids: tuple[str, ...]
    lessons: tuple[tuple[str, tuple[str, ...]], ...]
    """``(lesson id, its topic ids)`` in reading order."""
    items: tuple[tuple[str, str, str], ...]
    """``(item id, topic id, section)`` of every quiz item, in file order."""

    @classmethod
    def of(cls, course: "Course") -> "CourseOutline":
        """The outline of a loaded ``Course``."""
        return cls(
            topic_ids=tuple(course.topic_ids),
            lessons=tuple(
                (lesson.id, tuple(section.topic_id for section in lesson.sections))
                for lesson in course.lessons
            ),
            items=tuple((item.id, item.topic, item.section) for item in course.quiz_items),
        )

    @property
    def lesson_topics(self) -> dict[str, tuple[str, ...]]:
        """Lesson id → the topics its sections teach."""
        return dict(self.lessons)

    def reading_order(self) -> list["NewItem"]:
        """Every quiz item in reading order: lesson, then section, then file order."""
        position = {
            f"{lesson}#{topic}": (lesson_index, topic_index)
            for lesson_index, (lesson, topics) in enumerate(self.lessons)
            for topic_index, topic in enumerate(topics)
        }
        unplaced = (len(position), 0)
        ordered = sorted(
            enumerate(self.items),
            key=lambda pair: (*position.get(pair[1][2], unplaced), pair[0]),
        )
        return [NewItem(item, topic, section.split("#")[0]) for _, (item, topic, section) in ordered]


def outline_of(course: "Course | CourseOutline") -> CourseOutline:
    """``course`` as a ``CourseOutline`` (a ``Course`` is outlined, an outline is kept)."""
    return course if isinstance(course, CourseOutline) else CourseOutline.of(course)


class DueCard(NamedTuple):
    """A scheduled quiz item the session may bring: due today, or in a focus topic."""

    item_id: str
    topic_id: str
    due: datetime
    retrievability: float
    """The predicted chance (0..1) of recalling it now."""


class OpenFlag(NamedTuple):
    """An open flag the session may bring back."""

    id: int
    topic_id: str
    created_at: str
    last_reviewed: str | None = None
    """When the learner last looked at it in a session (None: never)."""


class NewItem(NamedTuple):
    """A quiz item the learner has never answered, with the lesson that teaches it."""

    item_id: str
    topic_id: str
    lesson_id: str


class PlanInputs(NamedTuple):
    """Everything the session depends on, gathered by ``studytrack.store.plan.plan_today``."""

    day: date
    condition: str | None
    """Today's check-in, None when the learner has not checked in."""
    daily_minutes: float
    due_cards: Sequence[DueCard] = ()
    """Cards due by the end of today and not reviewed today, plus the answered items of focus
    topics (see ``focus_topics``)."""
    open_flags: Sequence[OpenFlag] = ()
    """Open flags not yet revisited today."""
    new_items: Sequence[NewItem] = ()
    """Unanswered quiz items, in course order."""
    flagged_topics: frozenset[str] = frozenset()
    """Topics with an open flag (revisited today or not)."""
    lesson_ratings: Mapping[str, str] = MappingProxyType({})
    """Lesson id → its latest rating."""
    lesson_topics: Mapping[str, Sequence[str]] = MappingProxyType({})
    """Lesson id → the topics its sections teach."""
    break_until: date | None = None
    """The last day of the break today lies in, or None."""
    item_seconds: float = DEFAULT_ITEM_SECONDS
    flag_seconds: float = DEFAULT_FLAG_SECONDS
    spent_seconds: float = 0.0
    """Time already spent on today's reviews and flag reviews."""
    new_today: int = 0
    """New items already introduced today."""


class PlannedReview(NamedTuple):
    """One review in today's session."""

    item_id: str
    topic_id: str
    retrievability: float
    due: datetime
    focus: bool = False
    """True when it comes first because its lesson was too hard and its topic is flagged."""


class TodayPlan(NamedTuple):
    """What today's session holds (never the size of a backlog)."""

    day: date
    condition: str
    """``good``, ``okay`` or ``low`` (``okay`` when there is no check-in)."""
    checked_in: bool
    budget_minutes: float
    """Today's time budget: ``daily_minutes``, or at most ``LOW_MINUTES`` on a low day."""
    done_minutes: float
    """Time already spent on today's reviews."""
    items: tuple[PlannedReview, ...]
    """Reviews, in the order to take them."""
    flag_ids: tuple[int, ...]
    """Open flags to revisit, in order."""
    new_items: tuple[NewItem, ...]
    """Quiz items to meet for the first time, in order."""
    new_lessons: tuple[str, ...]
    """Lessons to read for the new items, in course order."""
    estimated_minutes: float
    """How long the session above should take."""
    item_seconds: float
    """The time per quiz item the estimate uses."""
    flag_seconds: float
    """The time per flag review the estimate uses."""
    preferred_difficulty: Mapping[str, str]
    """Topic → ``easy`` / ``normal`` / ``hard`` exercise variant, for topics of rated lessons."""
    focus_topics: frozenset[str]
    """Flagged topics of lessons rated too hard; they come first."""
    break_until: date | None
    """The last day of the break today lies in, or None."""
    note_keys: tuple[str, ...]
    """What to tell the learner, as keys of ``TEXT`` (see ``note``)."""

    def note(self) -> Joined:
        """The note for the learner: its sentences, worded when shown."""
        end = self.break_until.isoformat() if self.break_until else ""
        return Joined(tuple(Message(TEXT, key, {"end": end} if key == "break" else {}) for key in self.note_keys), " ")

    def difficulty_for(self, topic_id: str) -> str:
        """The exercise variant to prefer for ``topic_id`` (``normal`` unless a rating says)."""
        return self.preferred_difficulty.get(topic_id, DEFAULT_DIFFICULTY)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Every quiz item of the session, reviews first then new ones."""
        return tuple(r.item_id for r in self.items) + tuple(n.item_id for n in self.new_items)

    @property
    def is_empty(self) -> bool:
        """True when the session holds nothing."""
        return not (self.items or self.flag_ids or self.new_items)


def measured_seconds(
    samples: Iterable[float | None], default: float, bounds: tuple[float, float]
) -> float:
    """The median of the timed ``samples`` within ``bounds``, or ``default`` when fewer than
    ``MIN_TIMED_SAMPLES`` are timed."""
    timed = sorted(s for s in samples if s is not None and s > 0)
    if len(timed) < MIN_TIMED_SAMPLES:
        return default
    middle = len(timed) // 2
    median = timed[middle] if len(timed) % 2 else (timed[middle - 1] + timed[middle]) / 2
    low, high = bounds
    return min(max(float(median), low), high)


def budget_minutes(condition: str, daily_minutes: float) -> float:
    """Today's time budget for ``condition``."""
    return min(LOW_MINUTES, daily_minutes) if condition == "low" else daily_minutes


def preferred_difficulty(
    lesson_ratings: Mapping[str, str], lesson_topics: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Topic → exercise variant, from each rated lesson's latest rating."""
    return {
        topic: DIFFICULTY_FOR_RATING[rating]
        for lesson, rating in lesson_ratings.items()
        if rating in DIFFICULTY_FOR_RATING
        for topic in lesson_topics.get(lesson, ())
    }


def focus_topics(
    lesson_ratings: Mapping[str, str],
    lesson_topics: Mapping[str, Sequence[str]],
    flagged_topics: Iterable[str],
) -> frozenset[str]:
    """The flagged topics of lessons whose latest rating is ``too_hard``."""
    flagged = set(flagged_topics)
    return frozenset(
        topic
        for lesson, rating in lesson_ratings.items()
        if rating == "too_hard"
        for topic in lesson_topics.get(lesson, ())
        if topic in flagged
    )


def plan_session(inputs: PlanInputs) -> TodayPlan:
    """Today's session from ``inputs`` by the rules in this module's docstring."""
    checked_in = inputs.condition in CONDITIONS
    condition = inputs.condition if checked_in and inputs.condition else "okay"
    budget = budget_minutes(condition, inputs.daily_minutes)
    difficulty = preferred_difficulty(inputs.lesson_ratings, inputs.lesson_topics)
    focus = focus_topics(inputs.lesson_ratings, inputs.lesson_topics, inputs.flagged_topics)
    notes: list[str] = [] if checked_in else ["no_checkin"]

    def plan(items: Sequence[PlannedReview] = (), flags: Sequence[OpenFlag] = (), new: Sequence[NewItem] = (),
             extra_notes: Sequence[str] = ()) -> TodayPlan:
        seconds = (len(items) + len(new)) * inputs.item_seconds + len(flags) * inputs.flag_seconds
        lessons = tuple(dict.fromkeys(item.lesson_id for item in new))
        return TodayPlan(
            day=inputs.day,
            condition=condition,
            checked_in=checked_in,
            budget_minutes=budget,
            done_minutes=round(inputs.spent_seconds / 60, 2),
            items=tuple(items),
            flag_ids=tuple(flag.id for flag in flags),
            new_items=tuple(new),
            new_lessons=lessons,
            estimated_minutes=round(seconds / 60, 2),
            item_seconds=inputs.item_seconds,
            flag_seconds=inputs.flag_seconds,
            preferred_difficulty=MappingProxyType(difficulty),
            focus_topics=focus,
            break_until=inputs.break_until,
            note_keys=tuple(notes + list(extra_notes)),
        )

    if inputs.break_until is not None:
        notes.insert(0, "break")
        return plan()

    left = budget * 60 - inputs.spent_seconds
    reviews, open_flags = _in_priority_order(inputs, focus)
    taken_items, taken_flags, taken_new = _fill_budget(inputs, condition, reviews, open_flags, focus, left)
    waiting = (len(reviews) > len(taken_items) or len(open_flags) > len(taken_flags)
               or (condition == "good" and len(inputs.new_items) > len(taken_new)
                   and inputs.new_today + len(taken_new) < NEW_ITEMS_PER_DAY))
    extra: list[str] = []
    if focus and (any(r.focus for r in taken_items) or any(f.topic_id in focus for f in taken_flags)):
        extra.append("focus")
    if not (taken_items or taken_flags or taken_new):
        extra.append("done" if waiting or inputs.spent_seconds > 0 else "nothing")
    elif checked_in:
        extra.insert(0, condition)
    return plan(taken_items, taken_flags, taken_new, extra)


def _in_priority_order(inputs: PlanInputs, focus: frozenset[str]) -> tuple[list[PlannedReview], list[OpenFlag]]:
    """The due reviews (focus topics first, then the least likely recalled) and the open flags
    (focus topics first, then the longest unreviewed), in the order the session takes them."""
    reviews = sorted(
        (
            PlannedReview(card.item_id, card.topic_id, card.retrievability, card.due,
                          card.topic_id in focus)
            for card in inputs.due_cards
        ),
        key=lambda r: (not r.focus, r.retrievability, r.due, r.item_id),
    )
    open_flags = sorted(
        inputs.open_flags,
        key=lambda f: (f.topic_id not in focus, f.last_reviewed or "", f.created_at, f.id),
    )
    return reviews, open_flags


def _fill_budget(inputs: PlanInputs, condition: str, reviews: Sequence[PlannedReview], open_flags: Sequence[OpenFlag],
                 focus: frozenset[str], left: float) -> tuple[list[PlannedReview], list[OpenFlag], list[NewItem]]:
    """What fits in the ``left`` seconds, in order: the first flag, the reviews, the other flags
    (not on a low day), then new items (on a good day only, up to the day's limit)."""
    taken_flags = list(open_flags[:1]) if open_flags and inputs.flag_seconds <= left else []
    left -= inputs.flag_seconds * len(taken_flags)
    taken_items, left = _take(reviews, inputs.item_seconds, left)
    if condition != "low":
        more_flags, left = _take(open_flags[1:], inputs.flag_seconds, left)
        taken_flags += more_flags
    taken_new: list[NewItem] = []
    if condition == "good":
        room = max(0, NEW_ITEMS_PER_DAY - inputs.new_today)
        fresh = sorted(inputs.new_items, key=lambda n: n.topic_id not in focus)
        taken_new, left = _take(fresh[:room], inputs.item_seconds, left)
    return taken_items, taken_flags, taken_new


def _take(candidates: Sequence[Step], seconds: float, left: float) -> tuple[list[Step], float]:
    """The leading ``candidates`` that fit in ``left`` seconds at ``seconds`` each, and the time left."""
    taken: list[Step] = []
    for candidate in candidates:
        if seconds > left:
            break
        taken.append(candidate)
        left -= seconds
    return taken, left
