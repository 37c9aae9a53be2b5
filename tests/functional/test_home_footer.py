"""Home's footer (``KeysLine``): one widget that lists Home's keys as Textual's footer does, with
the first frame; a click on a key presses it, the key under the pointer is highlighted, and the
keys follow the language."""

from studytrack.ui.app import make_app
from studytrack.ui.dialogs.goal import GoalDialog
from studytrack.ui.widgets.keys_line import KeysLine


def footer_text(app) -> str:
    """The footer's line as drawn."""
    return str(app.screen.query_one(KeysLine).render())


async def test_the_keys_are_listed_help_first(session, settle):
    """Home's shown keys, one label each (1–3 as one), the help's first."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = footer_text(app)
        assert text.startswith("? Help 1-3 Check in g Goal p Practise q Quit")
        assert "2 Check in" not in text


async def test_a_click_on_a_key_presses_it(session, settle):
    """A click on "g Goal" opens the goal dialog, as pressing g does; a click past the last key
    does nothing."""
    app = make_app(session)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysLine)
        start, end, _ = next(span for span in footer.spans if span[2] == "g")
        assert footer_text(app)[start:end] == "g Goal"
        await pilot.click(KeysLine, offset=(footer.spans[-1][1] + 2, 0))
        await settle(app, pilot)
        assert not isinstance(app.screen, GoalDialog)
        await pilot.click(KeysLine, offset=(start + 1, 0))
        await settle(app, pilot)
        assert isinstance(app.screen, GoalDialog)


async def test_the_key_under_the_pointer_is_highlighted(session, settle):
    """Moving the pointer over a key highlights that key alone; leaving the footer clears it."""
    app = make_app(session)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysLine)
        start, _, _ = footer.spans[2]
        await pilot.hover(KeysLine, offset=(start, 0))
        await pilot.pause()
        assert footer.hovered == 2
        await pilot.hover("#checkin-row")
        await pilot.pause()
        assert footer.hovered is None


async def test_the_keys_follow_the_language(session, settle):
    """ctrl+l: the labels are redrawn in Korean, still one widget."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        english = footer_text(app)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert footer_text(app) != english
        assert footer_text(app).startswith("? 도움말 1-3 컨디션 g 목표")
        assert len(app.screen.query(KeysLine)) == 1
