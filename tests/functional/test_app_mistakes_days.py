"""The mistakes view says on which of the learner's own study days a mistake was made: in their
time zone, with the day turning over at their rollover hour, not the UTC calendar day."""

from datetime import UTC, datetime

import pytest
from textual.widgets import OptionList

from studytrack.clock import fixed_clock
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.session import Session
from studytrack.store.answers import record_answer
from studytrack.store.database import open_database
from studytrack.store.exercise_attempts import record_exercise_attempt
from studytrack.store.settings import set_setting
from studytrack.ui.app import make_app

NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
"""Noon of 10 March in Seoul (UTC+9); the study day turns over at 04:00 there."""


@pytest.mark.parametrize(("lang", "today", "yesterday"), [("en", "today", "yesterday"), ("ko", "오늘", "어제")])
async def test_a_mistake_just_after_midnight_in_seoul_belongs_to_the_study_day_before_the_rollover(
        db_path, course_dir, settle, lang, today, yesterday):
    session = Session(db_path=db_path, content_dir=course_dir, lang=lang, clock=fixed_clock(NOW))
    item = next(i for i in session.course().quiz_items if i.type == "choice")
    db = open_database(db_path)
    set_setting(db, "timezone", "Asia/Seoul")
    # 05:00 on 10 March in Seoul: today's study day, though in UTC it is still 9 March
    record_exercise_attempt(db, "mse-by-hand", 7, {"loss": "42"}, "incorrect", datetime(2026, 3, 9, 20, 0, tzinfo=UTC))
    # 03:30 on 10 March in Seoul: before the 04:00 rollover, so the study day of 9 March
    wrong = str(1 if item.answer != 1 else 2)
    record_answer(db, item, check_quiz_answer(item, wrong), datetime(2026, 3, 9, 18, 30, tzinfo=UTC))
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        shown = [str(option.prompt) for option in app.screen.query_one("#mistake-list", OptionList).options]
    assert len(shown) == 2
    assert f"  {today}\n" in shown[0] and "loss = 42" in shown[0]
    assert f"  {yesterday}\n" in shown[1]
    assert not any("2026-03-09" in text for text in shown), "no UTC calendar day"
