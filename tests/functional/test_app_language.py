"""Switching the language live (ctrl+l): every open screen is redrawn in the other language."""

from textual.widgets import OptionList, Static

from studytrack.ui.app import make_app


def checkin(app) -> str:
    """The check-in line's text."""
    return app.screen.query_one("#checkin-row", Static).content.plain


async def test_ctrl_l_switches_home_to_korean_and_back(session, settle):
    """Home's texts and the lesson titles turn Korean, then English again."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.lang == "ko"
        assert "오늘 컨디션은 어때요?" in checkin(app)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert "이 과정을 공부하는 방법" in str(lessons.get_option_at_index(0).prompt)
        assert lessons.border_title == "레슨"
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "How are you today?" in checkin(app)


async def test_a_lesson_stays_at_its_section_in_the_other_language(session, settle):
    """Switching in a lesson keeps the section and shows its Korean title; Home follows too."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("gradient-descent", "gd.learning-rate")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.screen.current_section.topic_id == "gd.learning-rate"
        assert app.screen.title == "경사 하강법"
        assert "학습률" in app.screen.query_one("#section-text").source
        await pilot.press("escape")
        await settle(app, pilot)
        assert "오늘 컨디션은 어때요?" in checkin(app)


async def test_a_quiz_keeps_the_typed_answer_across_a_switch(session, settle):
    """The current item and what was typed survive a language switch."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("quiz", item_ids=["notation-predict-one"])
        await pilot.pause()
        await pilot.press(*"4.1")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.screen.query_one("#quiz-answer").value == "4.1"
        assert "1문제 중 1번" in str(app.screen.query_one("#quiz-progress", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert "정답" in str(app.screen.query_one("#quiz-feedback", Static).render())


async def test_the_app_starts_in_korean_with_lang_ko(session, settle):
    """A Korean session starts with Korean texts."""
    session.lang = "ko"
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        assert "새로운 내용은 다음에" in str(app.screen.query_one("#plan", Static).render())


async def test_quiz_feedback_on_screen_follows_a_language_switch(session, settle):
    """A wrong numeric answer's feedback, then ctrl+l: the feedback and the explanation are
    shown in Korean, the answer kept, nothing recorded twice."""
    course = session.course()
    item = next(i for i in course.quiz_items if i.type == "numeric")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("quiz", item_ids=[item.id], title="t")
        await settle(app, pilot)
        await pilot.press(*"12345", "enter")
        await settle(app, pilot)
        english = str(app.screen.query_one("#quiz-feedback", Static).render())
        assert "your answer: 12345" in english
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        korean = str(app.screen.query_one("#quiz-feedback", Static).render())
        assert "내 답: 12345" in korean and "your answer" not in korean
        explanation = str(app.screen.query_one("#quiz-explanation", Static).render())
        assert explanation.startswith(item.explanation.get("ko")[:10])
    db = session.db()
    assert db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone()[0] == 1
