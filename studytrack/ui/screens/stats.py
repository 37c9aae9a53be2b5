"""Stats: honest progress, the same numbers as ``studytrack stats``.

Mastery per topic as a map grouped by lesson (open flags marked), a few topics to look at next
(selection and focus), the days you studied (no streaks), true retention in plain words, the
reviews of the next 14 days as a chart, and your flags over time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.exercises.topics import exercise_topics
from studytrack.domain.progress.standing import CALENDAR_WEEKS, activity_level, calendar_weeks
from studytrack.i18n import Catalog
from studytrack.store.settings import desired_retention
from studytrack.store.stats import FORECAST_DAYS, ReviewStats, review_stats
from studytrack.ui.screens.base import StudyScreen, read_then_show
from studytrack.ui.widgets.blank import Row, Scroll
from studytrack.ui.widgets.calendar import ConsistencyCalendar
from studytrack.ui.widgets.flag_chart import FlagHistoryChart
from studytrack.ui.widgets.forecast_chart import ForecastChart
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.mastery_map import MasteryMap

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.screens.stats")

PATIENCE = 0.25
"""Seconds ``open_stats`` waits for the statistics before opening Stats with "Loading" shown."""


class StatsData(NamedTuple):
    """What the stats screen reads off the UI thread."""

    stats: ReviewStats
    """Everything shown, the numbers of ``studytrack stats``."""
    target: float
    """The desired retention FSRS aims for (setting ``desired_retention``)."""


class StatsScreen(StudyScreen):
    """Mastery, what to look at next, consistency, true retention, the forecast and flags."""

    TEXT = TEXT

    CSS_PATH = "stats.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, *, reading: bool = False) -> None:
        """Empty until ``load_data`` has read the statistics (``reading``: ``open_stats`` is reading
        them already, and hands them over)."""
        super().__init__()
        self.data: StatsData | None = None
        """The statistics and the retention target; None until read."""
        self.reading = reading
        """Whether ``open_stats`` is reading the statistics for the screen (it reads none itself)."""

    def compose(self) -> ComposeResult:
        """Every panel, hidden under a "Loading" line until the statistics are read (then filled
        in place: the screen is composed once, and the page it scrolls has the focus from the start)."""
        yield Header()
        with Scroll(id="stats-body"):
            yield Static(self.t("loading"), id="stats-loading")
            yield from self.compose_panels()
        yield KeysLine()

    def compose_panels(self) -> ComposeResult:
        """The six parts, what to look at next first; empty until ``show_state`` fills them."""
        suggestions = OptionList(id="suggestions")
        suggestions.border_title = self.t("next")
        suggestions.border_subtitle = self.t("next_hint")
        yield suggestions
        with Vertical(id="mastery-panel", classes="panel") as mastery:
            mastery.border_title = self.t("mastery")
            yield Static(self.t("mastery_note"), classes="stats-muted")
            yield MasteryMap(id="mastery-map")
        with Row(id="stats-row"):
            with Vertical(id="stats-calendar-panel", classes="panel") as calendar:
                calendar.border_title = self.t("calendar")
                yield ConsistencyCalendar(id="stats-calendar")
                yield Static("", id="active-days", classes="stats-muted")
            with Vertical(id="retention-panel", classes="panel") as retention:
                retention.border_title = self.t("retention")
                yield Static("", id="retention-value")
                yield Static(self.t("retention_plain"), classes="stats-muted")
        with Vertical(id="forecast-panel", classes="panel") as forecast:
            forecast.border_title = self.t("forecast", days=FORECAST_DAYS)
            yield ForecastChart(id="forecast")
            yield Static("", id="forecast-note", classes="stats-muted")
        with Vertical(id="flag-history-panel", classes="panel") as flags:
            flags.border_title = self.t("flags")
            yield FlagHistoryChart(id="flag-history")
            yield Static("", id="flag-legend")

    def on_mount(self) -> None:
        """Show the statistics given, or read them off the UI thread ("Loading" shown meanwhile)."""
        self.show_state()
        if self.data is None and not self.reading:
            self.load_data()

    def show_panels(self, shown: bool) -> None:
        """The panels (``shown``) or else the "Loading" line: each widget's display set in
        place (a class on the page would restyle every widget in it)."""
        for part in self.query_one("#stats-body").children:
            part.display = shown != (part.id == "stats-loading")

    def refresh_data(self) -> None:
        """Read everything again (another process may have answered or flagged)."""
        self.load_data()

    def load_data(self) -> None:
        """Read the statistics off the UI thread, then draw them."""
        self.load_in_worker(self.read_data, self.show_data)

    def read_data(self) -> StatsData:
        """Everything of ``studytrack stats``, for the app's course (run in the worker)."""
        return read_stats(self.app)

    def help_note(self) -> str:
        """How mastery is measured, so the figures can be trusted."""
        return self.t("mastery_help")

    def show_data(self, data: StatsData) -> None:
        """Keep what was read and draw it: the panels filled, then shown in place of "Loading"."""
        self.data, self.reading = data, False
        self.show_state()

    def show_state(self) -> None:
        """Fill every panel from the statistics and show them ("Loading" until they are read)."""
        self.title = self.t("title")
        self.sub_title = self.t("subtitle")
        self.show_panels(self.data is not None)
        if self.data is None:
            return
        stats = self.data.stats
        self.show_mastery(stats)
        self.show_suggestions(stats)
        self.show_calendar(stats)
        self.show_retention(stats, self.data.target)
        self.show_forecast(stats)
        self.show_flags(stats)

    def show_mastery(self, stats: ReviewStats) -> None:
        """Each lesson's topics with their mastery bars."""
        course, lang = self.app.course(), self.lang
        by_topic = {topic.topic_id: topic for topic in stats.mastery.topics}
        groups = []
        placed: set[str] = set()
        for lesson in course.lessons:
            topics = [(s.title.get(lang), by_topic[s.topic_id]) for s in lesson.sections if s.topic_id in by_topic]
            placed.update(s.topic_id for s in lesson.sections)
            if topics:
                groups.append((lesson.title.get(lang), topics))
        rest = [(self.topic_title(t), m) for t, m in by_topic.items() if t not in placed]
        if rest:
            groups.append(("…", rest))
        self.query_one("#mastery-map", MasteryMap).show(groups, lang)

    def show_suggestions(self, stats: ReviewStats) -> None:
        """A few topics to look at next, each with why."""
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.clear_options()
        for suggestion in stats.mastery.suggestions:
            prompt = Content.assemble((self.topic_title(suggestion.topic_id), "bold"), " — ",
                                      (suggestion.why.text(self.lang), "$text-muted"))
            suggestions.add_option(Option(prompt, id=f"topic-{suggestion.topic_id}"))
        if not stats.mastery.suggestions:
            suggestions.add_option(Option(Content.styled(self.t("next_none"), "$text-muted"), disabled=True))

    def show_calendar(self, stats: ReviewStats) -> None:
        """Shade the days studied over the last weeks."""
        levels = {day: activity_level(count) for day, count in stats.calendar}
        self.query_one("#stats-calendar", ConsistencyCalendar).show(
            calendar_weeks(stats.day, CALENDAR_WEEKS), levels, self.lang)
        active = sum(1 for _, count in stats.calendar if count)
        self.query_one("#active-days", Static).update(
            self.t("active_days", count=active, weeks=CALENDAR_WEEKS))

    def show_retention(self, stats: ReviewStats, target: float) -> None:
        """True retention as a percentage with what FSRS aims for, or why it's not measured."""
        retention = stats.retention
        if retention.rate is None:
            text = self.t("retention_none")
        else:
            text = self.t("retention_value", percent=round(retention.rate * 100), reviews=retention.reviews,
                          correct=retention.correct, target=round(target * 100))
        self.query_one("#retention-value", Static).update(text)

    def show_forecast(self, stats: ReviewStats) -> None:
        """The chart of the next days' reviews, and their total."""
        days = stats.forecast
        self.query_one("#forecast", ForecastChart).show(days)
        planned = [day.planned for day in days]
        note = self.t("forecast_note", total=sum(planned), peak=max(planned)) if any(planned) else self.t(
            "forecast_none")
        self.query_one("#forecast-note", Static).update(note)

    def show_flags(self, stats: ReviewStats) -> None:
        """The open and resolved flags over the last weeks, with today's counts as the legend."""
        points = stats.flags
        self.query_one("#flag-history", FlagHistoryChart).show(points)
        last = points[-1] if points else None
        legend = Content.assemble(
            ("━ ", "$warning"), self.t("open"), "   ", ("━ ", "$success"), self.t("resolved"), "   ",
            (self.t("flags_legend", open=last.open if last else 0, resolved=last.resolved if last else 0),
             "$text-muted"),
        )
        self.query_one("#flag-legend", Static).update(legend)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a suggestion opens its lesson section."""
        event.stop()
        if event.option.id:
            self.app.open_topic(event.option.id.removeprefix("topic-"))


def read_stats(app: StudyApp) -> StatsData:
    """Everything of ``studytrack stats``, for the app's course (off the UI thread)."""
    course = app.course()
    db = app.db()
    topics_of_exercises = exercise_topics(course.root, course.topic_ids)
    return StatsData(review_stats(db, course, app.session.now(), topics_of_exercises), desired_retention(db))


def open_stats(app: StudyApp) -> None:
    """Open Stats over the screen shown, its statistics read first off the UI thread: the screen
    is composed once with them and its first frame shows them (~2 ms of reading on a fresh
    record, ~10 ms at 1M logs), instead of a "Loading" frame laid out and drawn, then the page
    laid out again. A read slower than ``PATIENCE`` opens Stats at once with "Loading", and hands
    the statistics over when read. Nothing opens once the learner has moved to another screen
    meanwhile, or when the read failed (the app says why); a second ``S`` meanwhile does nothing."""
    if app.opening is not None:
        return
    below, stats = app.screen, StatsScreen(reading=True)
    app.opening = stats

    def push() -> None:
        """Open Stats, once, if it is still to be opened over the same screen."""
        if app.opening is stats:
            app.opening = None
            if app.screen is below:
                app.push_screen(stats)

    def give_up() -> None:
        """The read failed (reported by the app): open nothing; Stats, if opened already, reads
        again on ``ctrl+r``."""
        stats.reading = False
        if app.opening is stats:
            app.opening = None

    def show(data: StatsData) -> None:
        """The statistics read: shown on Stats if it is open already, else Stats opened with them."""
        if stats.is_attached:  # opened after PATIENCE, with "Loading" shown
            stats.show_data(data)
        else:
            stats.data, stats.reading = data, False
            push()

    app.run_worker(lambda: read_then_show(app, lambda: read_stats(app), show, give_up), group="open-stats",
                   thread=True)
    app.set_timer(PATIENCE, push)
