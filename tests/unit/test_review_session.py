"""Where a review session stands (``ReviewSession``): moving on, skipping, counting, taking back."""

from studytrack.domain.progress.review_session import ReviewSession
from studytrack.domain.progress.standing import SessionStep


def three_steps() -> ReviewSession:
    """A review, a flag and a new item, nothing done yet."""
    return ReviewSession([
        SessionStep("review", "loss.zero", item_id="a", retrievability=0.4),
        SessionStep("flag", "gd.idea", flag_id=7),
        SessionStep("new", "opt.saddle", item_id="b"),
    ])


def test_a_session_walks_its_steps_and_ends():
    """``step`` follows ``advance``; after the last step the session is over."""
    session = three_steps()
    assert session.step is not None and session.step.item_id == "a"
    session.advance()
    session.advance()
    assert session.on_last_step and not session.over
    session.advance()
    assert session.step is None and session.over


def test_the_summary_counts_answers_flags_and_skips():
    """Graded answers, a flag kept open and a skipped step all reach the summary."""
    session = three_steps()
    session.done("incorrect", 1, 11)
    assert session.next_review_in() == 1
    session.advance()
    session.done("still_confused", None, 12)
    session.advance()
    session.skip()
    summary = session.summary()
    assert (summary.answered, summary.wrong, summary.still_confused, summary.skipped) == (1, 1, 1, 1)
    assert summary.coming_back == ((1, 1),)
    assert session.history == [(0, 11), (1, 12)]


def test_taking_back_steps_back_and_forgets_what_came_after():
    """``take_back`` returns to the latest logged answer's step and forgets it and later skips."""
    session = three_steps()
    session.done("correct", 3, 21)
    session.advance()
    session.advance()
    session.skip()
    session.advance()
    assert session.take_back() == 0
    assert session.index == 0 and session.outcomes == {} and session.skipped == set()
    assert session.history == [] and session.step is not None and session.step.item_id == "a"


def test_an_answer_that_logged_nothing_cannot_be_taken_back():
    """An answer without a log row (the store refused) counts but is not in the undo history."""
    session = three_steps()
    session.done("correct", None, None)
    assert session.outcomes == {0: ("review", "correct", None)} and session.history == []
