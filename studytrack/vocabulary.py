"""The words studytrack stores and compares: one enum per vocabulary, and the retention range.

Each vocabulary used to be repeated as a string tuple in the store, the domain, the screens
and the command line; now they name one enum here. The values are what the database holds, so
they never change once shipped; the migrations keep their own frozen SQL literals, and
``tests/unit/test_vocabulary.py`` proves those match these enums.
"""

from enum import IntEnum, StrEnum


class Condition(StrEnum):
    """How the learner feels today (the daily check-in); it sizes today's session."""

    GOOD = "good"
    OKAY = "okay"
    LOW = "low"


class Outcome(StrEnum):
    """What checking an answer says: the first four for quiz items, all for exercises."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    INVALID = "invalid"
    DIVERGED = "diverged"
    """Exercises only: the learner's descent blew up."""
    TIMEOUT = "timeout"
    """Code exercises only: the learner's code ran out of time."""
    ERROR = "error"
    """Code exercises only: the learner's code raised."""


QUIZ_OUTCOMES = (Outcome.CORRECT, Outcome.INCORRECT, Outcome.NOT_ATTEMPTED, Outcome.INVALID)
"""The outcomes a quiz check can have (the ``quiz_attempts.outcome`` column)."""

GRADED_OUTCOMES = (Outcome.CORRECT, Outcome.INCORRECT)
"""The outcomes that grade an answer (they review a card; the others record an attempt only)."""


class FlagCategory(StrEnum):
    """What kind of "I didn't get this" a flag is."""

    PREREQUISITE = "prerequisite"
    NOTATION = "notation"
    INTUITION = "intuition"
    MATH = "math"
    OTHER = "other"


class CardState(IntEnum):
    """Where an FSRS card is in learning (``cards.state``; the values of ``fsrs.State``)."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class LogKind(StrEnum):
    """What one entry of the review log (``review_logs.kind``) records."""

    REVIEW = "review"
    """An answer that reviewed a card."""
    PRACTICE = "practice"
    """An answer given as practice: logged, the card left as it was."""
    FLAG = "flag"
    """A flag revisited in a session."""


class FlagReviewOutcome(StrEnum):
    """How revisiting a flag in a session ended (``review_logs.outcome`` of a ``flag`` entry)."""

    STILL_CONFUSED = "still_confused"
    RESOLVED = "resolved"


class ReviewPhase(StrEnum):
    """What the review screen shows: loading, the check-in, an empty day, the session, the end."""

    LOADING = "loading"
    CHECKIN = "checkin"
    EMPTY = "empty"
    SESSION = "session"
    SUMMARY = "summary"


class Difficulty(StrEnum):
    """How hard a generated exercise problem is (``exercise_attempts.difficulty``)."""

    EASY = "easy"
    NORMAL = "normal"
    HARD = "hard"


class LessonVerdict(StrEnum):
    """A learner's verdict on a lesson's difficulty (``lesson_ratings.rating``)."""

    TOO_EASY = "too_easy"
    JUST_RIGHT = "just_right"
    TOO_HARD = "too_hard"


DESIRED_RETENTION_MIN = 0.7
"""The lowest desired retention studytrack accepts (setting ``desired_retention``)."""

DESIRED_RETENTION_MAX = 0.97
"""The highest desired retention studytrack accepts (setting ``desired_retention``)."""


def choices(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The values of ``vocabulary`` in their order, as plain strings: for membership tests
    (``in`` on the enum class raises for a non-member on Python 3.11), click choices and
    messages listing what is allowed."""
    return tuple(member.value for member in vocabulary)
