"""The containers drawn as lines of their background (``studytrack/ui/widgets/blank.py``) look
exactly as Textual's full drawing of them would: on every screen a learner opens, in the states
a key leads to, each such widget has no border, outline or hatch, and its lines drawn the quick
way equal, cell by cell (character, colours, and the styles a blank shows), the lines Textual's
styling path draws for it."""

import pytest
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from studytrack.ui.app import make_app
from studytrack.ui.screens.exercise import ExerciseScreen
from studytrack.ui.screens.lesson import LessonScreen
from studytrack.ui.screens.quiz import QuizScreen
from studytrack.ui.screens.review import ReviewScreen


def cells(strips: list[Strip]) -> list[list[tuple[object, ...]]]:
    """Every cell of ``strips`` as a terminal shows it: its character, background colour and the
    styles a blank shows (reverse, underline, strike), and its foreground colour unless it is a
    blank (where a colour shows nothing)."""
    return [[(char, style.bgcolor, style.reverse, style.underline, style.strike,
              None if char == " " else style.color)
             for segment in strip for style in [segment.style or Style()] for char in segment.text]
            for strip in strips]


def blank_widgets(app) -> list[Widget]:
    """The widgets of the screen shown that are drawn as blank lines."""
    return [widget for widget in app.screen.walk_children(with_self=True) if widget.BLANK]


def assert_drawn_as_textual_would(app) -> int:
    """Check every blank widget on screen; how many there were."""
    widgets = blank_widgets(app)
    for widget in widgets:
        styles = widget.styles
        assert all(edge in ("", "none", "hidden") for edge, _ in styles.border), widget
        assert all(edge in ("", "none", "hidden") for edge, _ in styles.outline), widget
        assert styles.hatch in (None, "none"), widget
        crop = widget.size.region
        if not crop:
            continue
        quick = widget.render_lines(crop)
        widget.BLANK = False  # this widget alone: the styling path, from a cleared cache
        widget._styles_cache.clear()
        try:
            full = widget.render_lines(crop)
        finally:
            del widget.BLANK
        assert cells(quick) == cells(full), widget
    return len(widgets)


async def home(app, pilot) -> None:
    """Home after the check-in."""
    await pilot.press("2")


async def lesson(app, pilot) -> None:
    """A lesson's first section."""
    app.push_screen(LessonScreen("loss-function"))


async def quiz(app, pilot) -> None:
    """A quiz item answered."""
    app.push_screen(QuizScreen())
    await settled(app, pilot)
    await pilot.press("1", "enter")


async def exercise(app, pilot) -> None:
    """An exercise checked wrong, with its first hint open."""
    app.push_screen(ExerciseScreen("gd.learning-rate", "pick-learning-rate", seed=7))
    await settled(app, pilot)
    app.screen.query_one("#answer-lr", Input).value = "0.001"
    await pilot.press("enter", "escape", "h")


async def playground(app, pilot) -> None:
    """The learning-rate playground."""
    await exercise(app, pilot)
    await settled(app, pilot)
    await pilot.press("l")


async def review(app, pilot) -> None:
    """A review session's first step answered (the day checked in)."""
    app.push_screen(ReviewScreen())
    await settled(app, pilot)
    await pilot.press("2")
    await settled(app, pilot)
    await pilot.press("1", "enter")


async def stats(app, pilot) -> None:
    """Stats."""
    await app.run_action("stats")


async def settled(app, pilot) -> None:
    """The screen's data read and drawn (a screen composes again with it)."""
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if blank_widgets(app):
            return


@pytest.mark.parametrize("steps", [home, lesson, quiz, exercise, playground, review, stats])
async def test_the_blank_containers_are_drawn_as_textual_draws_them(session, steps):
    """Every blank container on a screen a learner opens, as drawn, against Textual's own drawing."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await steps(app, pilot)
        await settled(app, pilot)
        assert assert_drawn_as_textual_would(app) > 0, app.screen_stack
