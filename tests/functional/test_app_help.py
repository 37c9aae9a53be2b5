"""Help (?): it lists every key of every screen and the global keys, built from the bindings."""

import io

import pytest
from rich.console import Console
from textual.binding import Binding

from studytrack.ui.app import NAMED_SCREENS, StudyApp, make_app
from studytrack.ui.keys import KEYS, action_name


def rendered(widget) -> str:
    """The plain text a help table shows."""
    output = io.StringIO()
    Console(width=200, file=output).print(widget.content)
    return output.getvalue()


SCREENS = {
    "home": lambda app: None,
    "lesson": lambda app: app.open_lesson("loss-function"),
    "quiz": lambda app: app.open_quiz(["loss.zero"]),
    "flags": lambda app: app.open_screen("flags"),
    "exercise": lambda app: app.open_exercises("gd.learning-rate"),
    "review": lambda app: app.open_screen("review"),
    "stats": lambda app: app.open_screen("stats"),
    "share": lambda app: app.open_screen("share"),
    "mistakes": lambda app: app.open_screen("mistakes"),
    "exercises": lambda app: app.open_screen("exercises"),
    "search": lambda app: app.open_screen("search"),
    "error": lambda app: app.show_error("the database is damaged"),
}


def test_every_named_screen_is_walked():
    """No screen of the app can escape the help test."""
    assert set(NAMED_SCREENS) <= set(SCREENS)


@pytest.mark.parametrize("name", SCREENS)
async def test_help_lists_every_binding_of_the_screen_and_the_app(name, session, settle):
    """For each screen, ? lists each of its keys and each global key with what it does."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        SCREENS[name](app)
        await settle(app, pilot)
        screen = app.screen
        app.action_help()
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpDialog"
        shown = rendered(app.screen.query_one("#help-screen")) + rendered(
            app.screen.query_one("#help-everywhere")
        )
        own = list(Binding.make_bindings(type(screen).BINDINGS))
        shadowed = {binding.key for binding in own}
        expected = own + [
            b for b in Binding.make_bindings(StudyApp.BINDINGS) if b.key not in shadowed
        ]
        assert expected
        for binding in expected:
            key = app.get_key_display(Binding(binding.key, binding.action))
            assert key in shown, f"{name}: key {binding.key} missing from the help"
            assert KEYS(action_name(binding), "en") in shown, f"{name}: {binding.action} missing"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_every_key_has_a_label_in_both_languages(session, settle):
    """Every binding of every screen and dialog has a label in English and Korean."""
    from studytrack.ui.dialogs.confirm import ConfirmDialog
    from studytrack.ui.dialogs.flag import FlagDialog
    from studytrack.ui.dialogs.help import HelpDialog
    from studytrack.ui.dialogs.rate import RateDialog
    from studytrack.ui.dialogs.text_entry import TextEntryDialog
    from studytrack.ui.dialogs.topic_pick import TopicDialog
    from studytrack.ui.screens.error import ErrorScreen
    from studytrack.ui.screens.exercise import ExerciseScreen
    from studytrack.ui.screens.exercise_list import ExerciseListScreen
    from studytrack.ui.screens.flags import FlagsScreen
    from studytrack.ui.screens.home import HomeScreen
    from studytrack.ui.screens.lesson import LessonScreen
    from studytrack.ui.screens.mistakes import MistakesScreen
    from studytrack.ui.screens.quiz import QuizScreen
    from studytrack.ui.screens.review import ReviewScreen
    from studytrack.ui.screens.search import SearchScreen
    from studytrack.ui.screens.share import ShareScreen
    from studytrack.ui.screens.stats import StatsScreen

    classes = [StudyApp, HomeScreen, LessonScreen, QuizScreen, FlagsScreen, ErrorScreen,
               ExerciseScreen, ReviewScreen, StatsScreen, ShareScreen, MistakesScreen, ExerciseListScreen,
               SearchScreen, FlagDialog, HelpDialog, RateDialog, TextEntryDialog, ConfirmDialog, TopicDialog]
    for cls in classes:
        for binding in Binding.make_bindings(cls.BINDINGS):
            assert action_name(binding) in KEYS.entries, f"{cls.__name__}: {binding.action}"


async def test_the_footer_speaks_korean_after_ctrl_l(session, settle):
    """The key labels in the footer follow the language."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        labels = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Goal" in labels
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        labels = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "목표" in labels and "도움말" in labels
