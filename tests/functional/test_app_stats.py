"""Stats: mastery per topic, what to look at next, consistency, true retention, the forecast and
flags over time, with the same numbers as ``studytrack stats --json``."""

import json
import threading
from datetime import timedelta

import pytest
from textual.widgets import OptionList, Static

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.database import open_database
from studytrack.store.exercise_attempts import record_exercise_attempt
from studytrack.store.flags import add_flag, resolve_flag
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app
from studytrack.ui.widgets.calendar import ConsistencyCalendar
from studytrack.ui.widgets.flag_chart import FlagHistoryChart
from studytrack.ui.widgets.forecast_chart import ForecastChart
from studytrack.ui.widgets.mastery_map import MasteryMap


@pytest.fixture
def studied(session):
    """A learner who answered a dozen items over three weeks (some wrong, some reviewed a day or
    more later) and flagged three topics, one resolved since."""
    course = load_course(bundled_content_dir())
    db = open_database(session.db_path)
    now = session.now()
    learner = Learner(db, fixed_clock(now))
    choices = [item for item in course.quiz_items if item.type == "choice"][:12]
    for number, item in enumerate(choices):
        for days_ago in (21, 8, 2)[: 1 + number % 3]:
            wrong = (number + days_ago) % 5 == 0
            answer = str(item.answer % len(item.choices) + 1) if wrong else str(item.answer)
            record_answer(db, item, check_quiz_answer(item, answer), now - timedelta(days=days_ago, hours=number))
    add_flag(learner.at(now - timedelta(days=30)), "loss.notation", "notation", "why is x a constant?")
    resolved = add_flag(learner.at(now - timedelta(days=20)), "gd.idea", "math", "")
    resolve_flag(learner.at(now - timedelta(days=10)), resolved.id, "the hill picture")
    add_flag(learner.at(now - timedelta(days=2)), "opt.saddle", "math", "")
    db.close()
    return session


async def test_the_stats_screen_agrees_with_stats_json(studied, run_cli, settle):
    """Mastery per topic, suggestions, retention, forecast, flags and active days are the numbers
    of ``studytrack stats --json``."""
    document = json.loads(run_cli("stats", "--json").stdout)
    app = make_app(studied, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "StatsScreen"
        mastery = screen.query_one(MasteryMap)
        shown = mastery.shown_percentages()
        expected = {row["topic"]: "—" if row["mastery"] is None else f"{round(row['mastery'] * 100)}%"
                    for row in document["mastery"]}
        assert shown == expected
        assert any(value not in ("0%", "—") for value in shown.values())
        flagged = {row["topic"]: row["open_flags"] for row in document["mastery"] if row["open_flags"]}
        assert {t.topic_id: t.open_flags for _, topics in mastery.groups for _, t in topics if t.open_flags} == flagged
        assert flagged == {"loss.notation": 1, "opt.saddle": 1}

        suggestions = screen.query_one("#suggestions", OptionList)
        assert [option.id for option in suggestions.options] == [
            f"topic-{row['topic']}" for row in document["suggestions"]
        ]

        retention = document["retention"]
        assert retention["reviews"] > 0
        text = str(screen.query_one("#retention-value", Static).render())
        assert f"{round(retention['rate'] * 100)}% of {retention['reviews']} reviews" in text
        assert f"({retention['correct']})" in text and "FSRS aims for 90%" in text

        forecast = screen.query_one(ForecastChart)
        assert len(forecast.values) == 14
        assert forecast.values == [day["planned"] for day in document["forecast"]]
        assert [day.day.isoformat() for day in forecast.days] == [day["day"] for day in document["forecast"]]
        assert sum(forecast.values) > 0
        total = sum(forecast.values)
        assert f"{total} in all" in str(screen.query_one("#forecast-note", Static).render())

        points = screen.query_one(FlagHistoryChart).points
        assert [(p.open, p.resolved) for p in points] == [(p["open"], p["resolved"]) for p in document["flags"]]
        legend = str(screen.query_one("#flag-legend", Static).render())
        assert "open now: 2 · resolved so far: 1" in legend

        active = sum(1 for day in document["calendar"] if day["actions"])
        assert f"{active} active days" in str(screen.query_one("#active-days", Static).render())
        calendar = screen.query_one(ConsistencyCalendar)
        assert sum(1 for level in calendar.levels.values() if level) == active


async def test_mastery_is_grouped_by_lesson(studied, settle):
    """The map lists every lesson of the course in order, each with its own topics."""
    app = make_app(studied, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        groups = app.screen.query_one(MasteryMap).groups
        course = app.course()
        assert [title for title, _ in groups] == [lesson.title.get("en") for lesson in course.lessons]
        first_topics = [topic.topic_id for _, topic in groups[0][1]]
        assert first_topics == [section.topic_id for section in course.lessons[0].sections]


async def test_a_suggestion_opens_its_lesson_section(studied, settle):
    """Enter on a topic to look at next opens the lesson at that topic."""
    app = make_app(studied, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        suggestions = app.screen.query_one("#suggestions", OptionList)
        suggestions.focus()
        suggestions.highlighted = 0
        topic = suggestions.highlighted_option.id.removeprefix("topic-")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "LessonScreen"
        assert app.screen.current_section.topic_id == topic


async def test_a_narrow_terminal_gets_text_bars(studied, settle):
    """Below 50 columns the forecast is text bars, one line per day, instead of a chart."""
    app = make_app(studied, initial_screen="stats")
    async with app.run_test(size=(44, 30)) as pilot:
        await settle(app, pilot)
        forecast = app.screen.query_one(ForecastChart)
        bars = forecast.query_one("#forecast-bars", Static)
        assert bars.display and not forecast.query_one("#forecast-plot").display
        lines = str(bars.render()).splitlines()
        assert len(lines) == 14 and lines[0].startswith("11-28 ")


async def test_an_empty_record_is_honest_too(session, settle):
    """On a fresh database: 0% mastery, retention not measured yet, nothing due."""
    app = make_app(session, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert set(screen.query_one(MasteryMap).shown_percentages().values()) <= {"0%", "—"}
        assert "Not measured yet" in str(screen.query_one("#retention-value", Static).render())
        assert screen.query_one(ForecastChart).values == [0] * 14
        assert "Nothing comes due" in str(screen.query_one("#forecast-note", Static).render())


async def test_stats_show_exercises_solved_next_to_quiz_recall_and_help_defines_mastery(session, settle):
    """A solved exercise shows under its topic ("1 of 2 exercises solved"); a wrong check does
    not count; ? explains how mastery is measured."""
    db = open_database(session.db_path)
    record_exercise_attempt(db, "mse-by-hand", 7, {"loss": "1"}, "correct", session.now())
    record_exercise_attempt(db, "gradient-by-hand", 7, {"dw": "1", "db": "2"}, "incorrect", session.now())
    db.close()
    app = make_app(session, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        mastery = app.screen.query_one(MasteryMap)
        by_topic = {t.topic_id: t for _, topics in mastery.groups for _, t in topics}
        assert (by_topic["loss.error"].exercises_solved, by_topic["gd.mse-gradient"].exercises_solved) == (1, 0)
        drawn = "".join(segment.text for strip in mastery.render_lines(mastery.region.reset_offset)
                        for segment in strip)
        total = by_topic["loss.error"].exercises
        assert f"1 of {total} exercise" in drawn
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.help_text()
        assert "latest answer to it was right" in help_text and "never raises it" in help_text


@pytest.fixture
def held_read(monkeypatch):
    """``release``: the statistics are read only once ``release.set()`` is called (10 s at most)."""
    import studytrack.ui.screens.stats as stats_module

    release = threading.Event()
    reading = stats_module.read_stats

    def held(app):
        assert release.wait(10)
        return reading(app)

    monkeypatch.setattr(stats_module, "read_stats", held)
    yield release
    release.set()


async def test_a_slow_read_opens_stats_with_loading_then_fills_the_same_panels(studied, settle, held_read):
    """A read slower than ``PATIENCE``: Stats opens once it has passed, "Loading" alone; once read,
    the panels composed with the screen are filled and shown in its place (the same widgets:
    nothing composed again), and the page has the focus for the arrows. After a language switch,
    the panels again, not "Loading"."""
    from studytrack.ui.screens.stats import PATIENCE, StatsScreen

    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        home = app.screen
        await pilot.press("S")
        await pilot.pause()
        assert app.screen is home  # not before the statistics, or the patience, run out
        await pilot.pause(PATIENCE + 0.1)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.data is None
        body = screen.query_one("#stats-body")
        assert [part.id for part in body.children if part.display] == ["stats-loading"]
        panels = list(body.children)
        held_read.set()
        await settle(app, pilot)
        assert screen.data is not None
        assert list(body.children) == panels  # the same widgets, filled in place
        assert [part.id for part in body.children if not part.display] == ["stats-loading"]
        assert screen.focused is body
        assert screen.query_one(MasteryMap).shown_percentages()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        body = app.screen.query_one("#stats-body")
        assert [part.id for part in body.children if not part.display] == ["stats-loading"]
        assert "숙달도" in str(app.screen.query_one("#mastery-panel").border_title)


async def test_stats_read_in_time_opens_composed_once_with_its_panels_in_its_first_frame(
        studied, settle, monkeypatch):
    """``S``: the statistics are read first (off the UI thread), then Stats opens with them: its
    first frame shows the panels, and no frame ever shows "Loading"."""
    from studytrack.ui.screens.stats import StatsScreen

    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        frames = []
        draw = StatsScreen._compositor_refresh

        def drawn(screen):
            draw(screen)
            frames.append(screen.query_one("#stats-loading").display)

        monkeypatch.setattr(StatsScreen, "_compositor_refresh", drawn)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen) and app.screen.data is not None
        assert frames and not any(frames), frames


async def test_while_stats_is_read_a_second_key_opens_nothing_more_and_moving_on_opens_nothing(
        studied, settle, held_read):
    """``S`` twice while the statistics are read opens one Stats; opening flags meanwhile means
    Stats does not open over them when the statistics come."""
    from studytrack.ui.screens.stats import PATIENCE, StatsScreen

    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S", "S")
        await pilot.pause(PATIENCE + 0.1)
        held_read.set()
        await settle(app, pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "StatsScreen"]
        await pilot.press("escape")
        await settle(app, pilot)
        held_read.clear()
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("F")  # the flags, before the statistics came
        await pilot.pause()
        held_read.set()
        await settle(app, pilot)
        await pilot.pause(PATIENCE + 0.1)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "FlagsScreen"]
        assert not any(isinstance(s, StatsScreen) for s in app.screen_stack)


@pytest.fixture
def failing_read(monkeypatch):
    """``release``: the next read of the statistics fails (a ``StudytrackError``) once
    ``release.set()`` is called; the reads after it succeed."""
    import studytrack.ui.screens.stats as stats_module
    from studytrack.errors import StudytrackError

    release, reading, failures = threading.Event(), stats_module.read_stats, [1]

    def failing(app):
        assert release.wait(10)
        if failures:
            failures.pop()
            raise StudytrackError("the statistics could not be read")
        return reading(app)

    monkeypatch.setattr(stats_module, "read_stats", failing)
    yield release
    release.set()


async def test_a_failed_read_opens_nothing_says_why_and_stats_opens_next_time(studied, settle, failing_read,
                                                                               notifications):
    """The statistics cannot be read: the app says why, Stats does not open (no "Loading" left
    forever), and ``S`` then works again."""
    from studytrack.ui.screens.stats import PATIENCE, StatsScreen

    failing_read.set()
    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = notifications(app)
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.pause(PATIENCE + 0.1)
        assert type(app.screen).__name__ == "HomeScreen" and app.opening is None
        assert any("could not be read" in message for message in shown), shown
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen) and app.screen.data is not None


async def test_a_slow_read_that_fails_leaves_stats_open_to_read_again(studied, settle, failing_read, notifications):
    """The statistics fail after Stats opened with "Loading": the app says why, and ``ctrl+r``
    reads them again (Stats is not left waiting for a read that will never come)."""
    from studytrack.ui.screens.stats import PATIENCE, StatsScreen

    app = make_app(studied)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = notifications(app)
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause(PATIENCE + 0.1)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.data is None
        failing_read.set()
        await settle(app, pilot)
        assert any("could not be read" in message for message in shown) and not screen.reading
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert screen.data is not None and not screen.query_one("#stats-loading").display


async def test_the_forecast_is_plotted_again_only_when_what_it_shows_changes(studied, settle):
    """A resize that keeps the chart a chart plots nothing again (plotext's figure set up anew
    costs a few ms, and Stats gets two resizes as it opens); narrow, the text bars; wide again,
    the chart; another theme, the chart in its colours."""
    app = make_app(studied, initial_screen="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        forecast = app.screen.query_one(ForecastChart)
        plt = forecast.query_one("#forecast-plot").plt
        plotted = []
        clear_figure = plt.clear_figure
        plt.clear_figure = lambda: plotted.append(1) or clear_figure()
        forecast.show(forecast.days)
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert plotted == [] and forecast.query_one("#forecast-plot").display
        await pilot.resize_terminal(44, 30)
        await settle(app, pilot)
        assert forecast.query_one("#forecast-bars").display and plotted == []
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert forecast.query_one("#forecast-plot").display and plotted == [1]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(app, pilot)
        assert plotted == [1, 1]

