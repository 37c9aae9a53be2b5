"""Stats: honest progress, the same numbers as ``studytrack stats``.

Mastery per topic as a map grouped by lesson (open flags marked), a few topics to look at next
(selection and focus), the days you studied (no streaks), true retention in plain words, the
reviews of the next 14 days as a chart, and your flags over time.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen

TEXT = Catalog("ui.screens.stats")


class StatsScreen(StudyScreen):
    """Mastery, what to look at next, consistency, true retention, the forecast and flags."""

    TEXT = TEXT

    CSS_PATH = "stats.tcss"

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self) -> None:
        """Empty until ``load_data`` has read the statistics."""
        super().__init__()
        self.stats = None
        """Everything shown (``studytrack.store.stats.ReviewStats``); None until read."""
        self.target = 0.9
        """The desired retention FSRS aims for (setting ``desired_retention``)."""

    def compose(self) -> ComposeResult:
        """Every panel, once the statistics are read."""
        yield Header()
        with VerticalScroll(id="stats-body"):
            if self.stats is None:
                yield Static(self.t("loading"), id="stats-loading")
            else:
                yield from self.compose_panels()
        yield Footer(compact=True)

    def compose_panels(self) -> ComposeResult:
        """The six parts, what to look at next first; empty until ``show_state`` fills them."""
        from studytrack.store.stats import FORECAST_DAYS
        from studytrack.ui.widgets.calendar import ConsistencyCalendar
        from studytrack.ui.widgets.flag_chart import FlagHistoryChart
        from studytrack.ui.widgets.forecast_chart import ForecastChart
        from studytrack.ui.widgets.mastery_map import MasteryMap

        suggestions = OptionList(id="suggestions")
        suggestions.border_title = self.t("next")
        suggestions.border_subtitle = self.t("next_hint")
        yield suggestions
        with Vertical(id="mastery-panel", classes="panel") as mastery:
            mastery.border_title = self.t("mastery")
            yield Static(self.t("mastery_note"), classes="stats-muted")
            yield MasteryMap(id="mastery-map")
        with Horizontal(id="stats-row"):
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
        """Read the statistics off the UI thread."""
        self.title = self.t("title")
        self.sub_title = self.t("subtitle")
        self.load_data()

    def refresh_data(self) -> None:
        """Read everything again (another process may have answered or flagged)."""
        self.load_data()

    @work(thread=True, exclusive=True, group="stats")
    def load_data(self) -> None:
        """Everything of ``studytrack stats``, for the app's course."""
        app = self.app
        with app.reporting_errors():
            from studytrack.store.reviews import desired_retention
            from studytrack.store.stats import review_stats

            course = app.course()
            db = app.db()
            stats = review_stats(db, course, app.session.now())
            app.call_from_thread(self.show_data, stats, desired_retention(db))

    async def show_data(self, stats, target: float) -> None:
        """Keep what was read and draw it."""
        first = self.stats is None
        self.stats, self.target = stats, target
        if first:
            await self.recompose()
            self.query_one("#stats-body").focus()  # the arrows and Page Down scroll the page
        self.show_state()

    def show_state(self) -> None:
        """Fill every panel from the statistics."""
        self.title = self.t("title")
        self.sub_title = self.t("subtitle")
        if self.stats is None:
            return
        self.show_mastery()
        self.show_suggestions()
        self.show_calendar()
        self.show_retention()
        self.show_forecast()
        self.show_flags()

    def show_mastery(self) -> None:
        """Each lesson's topics with their mastery bars."""
        from studytrack.ui.widgets.mastery_map import MasteryMap

        course, lang = self.app.course(), self.lang
        by_topic = {topic.topic_id: topic for topic in self.stats.mastery.topics}
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

    def show_suggestions(self) -> None:
        """A few topics to look at next, each with why."""
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.clear_options()
        for suggestion in self.stats.mastery.suggestions:
            prompt = Content.assemble((self.topic_title(suggestion.topic_id), "bold"), " — ",
                                      (suggestion.text(self.lang), "$text-muted"))
            suggestions.add_option(Option(prompt, id=f"topic-{suggestion.topic_id}"))
        if not self.stats.mastery.suggestions:
            suggestions.add_option(Option(Content.styled(self.t("next_none"), "$text-muted"), disabled=True))

    def show_calendar(self) -> None:
        """Shade the days studied over the last weeks."""
        from studytrack.domain.progress.standing import activity_level, calendar_weeks
        from studytrack.store.stats import CALENDAR_WEEKS
        from studytrack.ui.widgets.calendar import ConsistencyCalendar

        levels = {day: activity_level(count) for day, count in self.stats.calendar}
        self.query_one("#stats-calendar", ConsistencyCalendar).show(
            calendar_weeks(self.stats.day, CALENDAR_WEEKS), levels, self.lang)
        active = sum(1 for _, count in self.stats.calendar if count)
        self.query_one("#active-days", Static).update(
            self.t("active_days", count=active, weeks=CALENDAR_WEEKS))

    def show_retention(self) -> None:
        """True retention as a percentage with what FSRS aims for, or why it's not measured."""
        retention = self.stats.retention
        if retention.rate is None:
            text = self.t("retention_none")
        else:
            text = self.t("retention_value", percent=round(retention.rate * 100), reviews=retention.reviews,
                          correct=retention.correct, target=round(self.target * 100))
        self.query_one("#retention-value", Static).update(text)

    def show_forecast(self) -> None:
        """The chart of the next days' reviews, and their total."""
        from studytrack.ui.widgets.forecast_chart import ForecastChart

        days = self.stats.forecast
        self.query_one("#forecast", ForecastChart).show(days)
        planned = [day.planned for day in days]
        note = self.t("forecast_note", total=sum(planned), peak=max(planned)) if any(planned) else self.t(
            "forecast_none")
        self.query_one("#forecast-note", Static).update(note)

    def show_flags(self) -> None:
        """The open and resolved flags over the last weeks, with today's counts as the legend."""
        from studytrack.ui.widgets.flag_chart import FlagHistoryChart

        points = self.stats.flags
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
