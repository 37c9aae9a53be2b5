"""Review: today's session at your own pace, as ``studytrack due`` plans it.

First the check-in when today has none (how you feel sizes the session), then one step at a
time: the reviews, most forgotten first, answered like a quiz and scheduled through
``record_answer`` (right → Good, wrong → Again); the flags to revisit, with their lesson section
and note (still confused, or I get it now and what made it click); new material on a good day.
``u`` takes the last answer back and steps back to it. A summary ends the session: what was
reviewed, the flags, when these come back, and a closing line that fits the day. ``p``
practises without moving the schedule.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Markdown, Static

from studytrack.i18n import Catalog
from studytrack.ui.screens.quiz import ANSWER_BINDINGS, AnsweringScreen

TEXT = Catalog("ui.screens.review")

class ReviewScreen(AnsweringScreen):
    """Today's session: check in, then reviews, flags and new items one at a time, then a summary."""

    TEXT = TEXT

    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("1", "checkin('good')", "Check in", key_display="1-3"),
        Binding("2", "checkin('okay')", "Check in", show=False),
        Binding("3", "checkin('low')", "Check in", show=False),
        *ANSWER_BINDINGS,
        Binding("1", "still_confused", "Still confused"),
        Binding("2", "got_it", "Got it"),
        Binding("u", "undo", "Undo", show=False),
        Binding("o", "open_section", "Lesson section", show=False),
        Binding("p", "practise", "Practise", show=False),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        """An empty session; ``load_plan`` reads today's plan after the first frame."""
        super().__init__()
        self.phase = "loading"
        """``loading``, ``checkin``, ``session``, ``summary`` or ``empty`` (nothing today)."""
        self.plan = None
        """Today's plan (``studytrack.domain.planning.today.TodayPlan``), once read."""
        self.steps: list = []
        """The session's steps (``studytrack.domain.progress.standing.SessionStep``), in order."""
        self.flags: dict = {}
        """Open flags by id (``studytrack.store.flags.Flag``), for the flag steps."""
        self.days = None
        """The learner's day settings (``studytrack.store.reviews.DaySettings``)."""
        self.index = 0
        """The step shown; ``len(steps)`` once the summary is up."""
        self.outcomes: dict[int, tuple[str, str, int | None]] = {}
        """Step index → ``(kind, outcome, days until its next review)`` of each step done."""
        self.history: list[tuple[int, int]] = []
        """``(step index, review log id)`` of each answer this session logged, in order (for
        undo)."""
        self.skipped: set[int] = set()
        """Steps passed over without an answer."""
        self.status = ""
        """What the last key did (a flag kept open, an answer undone), shown above the next step."""

    # ── the current step ─────────────────────────────────────────────────────────────────

    @property
    def step(self):
        """The step shown, or None outside the session."""
        if self.phase != "session" or self.index >= len(self.steps):
            return None
        return self.steps[self.index]

    @property
    def item(self):
        """The quiz item of the current step, or None (a flag step, the summary …)."""
        step = self.step
        if step is None or step.item_id is None:
            return None
        return self.app.course().quiz_item(step.item_id)

    @property
    def flag(self):
        """The flag of the current step, or None."""
        step = self.step
        return self.flags.get(step.flag_id) if step is not None and step.flag_id is not None else None

    # ── drawing ──────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        """Whatever the phase shows, the hint line and the footer."""
        yield Header()
        with VerticalScroll(id="review-body"):
            if self.status:
                yield Static(self.status, id="review-status")
            if self.phase == "loading":
                yield Static(self.t("loading"), id="review-loading")
            elif self.phase == "checkin":
                yield from self.compose_checkin()
            elif self.phase == "empty":
                yield from self.compose_empty()
            elif self.phase == "summary":
                yield from self.compose_summary()
            elif self.item is not None:
                yield from self.compose_item(self.progress_line())
            elif self.flag is not None:
                yield from self.compose_flag()
        yield Static(self.hint(), id="review-hint")
        yield Footer(compact=True)

    def compose_checkin(self) -> ComposeResult:
        """The question, the three answers with what each means today, and a word on honesty."""
        from studytrack.ui.screens.home import CONDITIONS, condition_summary

        yield Static(self.t("how_are_you"), id="checkin-question")
        yield Static(self.t("checkin_why"), classes="review-muted")
        for number, condition in enumerate(CONDITIONS, start=1):
            key = Content.from_markup(
                f"[@click=screen.checkin('{condition}')]$label[/]", label=f" {number} "
            ).stylize("bold on $panel")
            meaning = condition_summary(condition, self.plan.budget_minutes, self.lang)
            yield Horizontal(Static(key, classes="checkin-key"),
                             Static(meaning, id=f"checkin-{condition}", classes="checkin-meaning"),
                             classes="checkin-choice")
        yield Static(self.t("checkin_honest"), classes="review-muted")

    def compose_flag(self) -> ComposeResult:
        """The flag's topic, age, category and note, the question, and its lesson section."""
        from studytrack.clock import from_iso
        from studytrack.ui.screens.flags import TEXT as FLAGS_TEXT
        from studytrack.ui.screens.flags import flag_age

        flag, lang = self.flag, self.lang
        yield Static(self.progress_line(), id="quiz-progress")
        age = flag_age(from_iso(flag.created_at), self.app.session.now(), self.days.tz,
                       self.days.rollover_hour, lang)
        category = FLAGS_TEXT(flag.category, lang)
        yield Static(self.t("flag_heading", age=age, category=category), id="flag-heading")
        note = self.t("flag_note", note=flag.note) if flag.note else self.t("flag_no_note")
        yield Static(Content(note), id="flag-note")
        yield Static(self.t("flag_question"), id="flag-question")
        section = self.app.course().section_for_topic(flag.topic_id)
        if section is not None:
            yield Markdown(section.body.get(lang), id="flag-section")

    def compose_summary(self) -> ComposeResult:
        """What the session came to, when these come back, and a closing line for the day."""
        from studytrack.domain.progress.standing import summarize_session

        summary = summarize_session(self.outcomes.values(), len(self.skipped))
        yield Static(self.t("summary_title"), id="summary-title")
        if summary.answered:
            line = self.t("summary_answered", answered=summary.answered, right=summary.right,
                          wrong=summary.wrong)
            if summary.new:
                line += " " + self.t("summary_new", count=summary.new)
        else:
            line = self.t("summary_nothing")
        if summary.skipped:
            line += " " + self.t("summary_skipped", count=summary.skipped)
        yield Static(line, id="summary-answers")
        if summary.resolved or summary.still_confused:
            key = "summary_flags"
            if not summary.still_confused:
                key = "summary_flags_resolved"
            elif not summary.resolved:
                key = "summary_flags_open"
            yield Static(self.t(key, resolved=summary.resolved, confused=summary.still_confused),
                         id="summary-flags")
        if summary.coming_back:
            parts = [self.t("coming_back_part", when=self.when(days), count=count)
                     for days, count in summary.coming_back]
            yield Static(self.t("coming_back", when=" · ".join(parts)), id="summary-coming-back")
        yield Static(self.t(f"closing_{self.plan.condition}"), id="summary-closing")
        yield Static(self.t("after_summary"), classes="review-muted")

    def compose_empty(self) -> ComposeResult:
        """A gentle word when today holds nothing: a break, today's share done, nothing due."""
        from studytrack.domain.planning.today import TEXT as TODAY_TEXT

        plan = self.plan
        if plan.break_until is not None:
            message = TODAY_TEXT("break", self.lang, end=plan.break_until.isoformat())
        else:
            message = f"{plan.note(self.lang)} {self.t(f'empty_{plan.condition}')}"
        yield Static(message, id="review-empty")
        yield Static(self.t("empty_practise"), classes="review-muted")

    def progress_line(self) -> str:
        """Where the session is: "2 of 7 · review (recall 43%) · Loss = 0"."""
        step = self.step
        if step.kind == "review":
            kind = self.t("kind_review", percent=round((step.retrievability or 0) * 100))
        else:
            kind = self.t(f"kind_{step.kind}")
        return self.t("step", number=self.index + 1, count=len(self.steps), kind=kind,
                      topic=self.topic_title(step.topic_id))

    def feedback_extra(self) -> str:
        """Under a graded answer: when the item comes back."""
        done = self.outcomes.get(self.index)
        if done is None or done[2] is None:
            return ""
        return self.t("next_review", when=self.when(done[2]))

    def when(self, days: int) -> str:
        """``days`` from today as a person says it: today, tomorrow, in 3 days."""
        if days <= 0:
            return self.t("today")
        return self.t("tomorrow") if days == 1 else self.t("in_days", days=days)

    def hint(self) -> str:
        """What the keys do right now."""
        if self.phase == "checkin":
            return self.t("hint_checkin")
        if self.phase == "summary":
            return self.t("hint_summary") if self.history else ""
        step = self.step
        if step is None:
            return ""
        if step.kind == "flag":
            return self.t("hint_flag")
        if self.graded:
            last = self.index == len(self.steps) - 1
            return self.t("hint_graded_last" if last else "hint_graded")
        hint = self.answering_hint()
        if step.kind == "new" and self.item.type == "choice":  # typing, o is a letter
            hint += self.t("hint_new")
        return hint

    def show_state(self) -> None:
        """Titles and focus, after every redraw and a language switch."""
        self.title = self.t("title")
        plan = self.plan
        if plan is not None and self.phase != "checkin":
            from studytrack.ui.screens.home import minutes_text

            condition = self.t(plan.condition)
            if plan.break_until is not None:
                self.sub_title = ""
            elif plan.is_empty:
                self.sub_title = self.t("subtitle_day", condition=condition)
            else:
                self.sub_title = self.t("subtitle", condition=condition,
                                        minutes=minutes_text(plan.estimated_minutes))
        else:
            self.sub_title = ""
        if self.item is not None:
            self.focus_answer()
        elif self.flag is not None:
            self.query_one("#review-body").focus()  # the arrows scroll the lesson section
        else:
            self.set_focus(None)

    # ── loading ──────────────────────────────────────────────────────────────────────────

    def on_mount(self) -> None:
        """Read today's plan off the UI thread."""
        self.show_state()
        self.load_plan()

    @work(thread=True, exclusive=True, group="review")
    def load_plan(self) -> None:
        """Read today's plan, the open flags and the learner's day settings."""
        app = self.app
        with app.reporting_errors():
            from studytrack.store.flags import list_flags
            from studytrack.store.reviews import day_settings, plan_today

            course = app.course()
            db = app.db()
            plan = plan_today(db, course, app.session.now())
            flags = {flag.id: flag for flag in list_flags(db)}
            app.call_from_thread(self.start_session, plan, flags, day_settings(db))

    async def start_session(self, plan, flags: dict, days) -> None:
        """Ask for the check-in first, else lay out the session's steps and show the first."""
        from studytrack.domain.progress.standing import session_steps

        self.plan, self.flags, self.days = plan, flags, days
        course = self.app.course()
        self.steps = [
            step for step in session_steps(plan, {i: f.topic_id for i, f in flags.items()})
            if step.item_id is None or course.quiz_item(step.item_id) is not None
        ]
        self.index = 0
        self.outcomes, self.history, self.skipped = {}, [], set()
        if not plan.checked_in and plan.break_until is None:
            self.phase = "checkin"
        elif not self.steps:
            self.phase = "empty"
        else:
            self.phase = "session"
            self.start_item()
        await self.redraw()

    # ── keys ─────────────────────────────────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key only where it means something: the check-in, an item, a flag, the summary."""
        typing = isinstance(self.focused, Input)
        step = self.step
        if action == "checkin":
            return self.phase == "checkin"
        if action in ("still_confused", "got_it"):
            return step is not None and step.kind == "flag"
        if action == "check":
            return self.item is not None
        if action == "undo":
            return bool(self.history) and not typing
        if action == "open_section":
            return step is not None and not typing
        if action == "practise":
            return self.phase != "loading" and not typing
        return super().check_action(action, parameters)

    def action_checkin(self, condition: str) -> None:
        """Record how the learner feels today, then plan the session for it."""
        from studytrack.store.journal import check_in

        app = self.app
        with app.reporting_errors():
            check_in(app.db(), self.plan.day, condition, app.session.now(), app.lang)
            self.phase = "loading"
            self.load_plan()

    def answer_graded(self) -> None:
        """Note the outcome and when the item comes back; the answer can now be undone."""
        from studytrack.domain.progress.standing import days_until

        recorded = self.recorded
        days = None
        if recorded is not None and recorded.card is not None:
            days = days_until(recorded.card.due, self.app.session.now(), self.days.tz,
                              self.days.rollover_hour)
        self.outcomes[self.index] = (self.step.kind, self.result.outcome, days)
        if recorded is not None and recorded.log_id is not None:
            self.history.append((self.index, recorded.log_id))
        self.status = ""

    async def after_graded(self) -> None:
        """Enter on a graded item: the next step."""
        await self.next_step()

    async def skip_item(self) -> None:
        """Pass the item over (it stays due; the summary counts it)."""
        self.skipped.add(self.index)
        await self.next_step()

    async def next_step(self, status: str = "") -> None:
        """Show the next step (with ``status``, what the last key did), or the summary after the
        last."""
        self.index += 1
        if self.index >= len(self.steps):
            self.phase = "summary"
        self.start_item()
        self.status = status if self.phase == "session" else ""
        await self.redraw()

    async def action_still_confused(self) -> None:
        """Keep the flag open (it comes back another day) and go on."""
        await self.review_flag(still_confused=True, note="")

    def action_got_it(self) -> None:
        """Ask what made it click, then resolve the flag and go on."""
        from studytrack.ui.dialogs.resolve import ResolveDialog

        flag = self.flag
        title = self.topic_title(flag.topic_id)

        async def resolve(note: str | None) -> None:
            """Resolve the flag with the note the dialog returned (nothing when cancelled)."""
            if note is not None:
                await self.review_flag(still_confused=False, note=note)

        self.app.push_screen(ResolveDialog(title), resolve)

    async def review_flag(self, still_confused: bool, note: str) -> None:
        """Record the flag review of the current step and go on."""
        from studytrack.store.reviews import review_flag

        app, flag = self.app, self.flag
        now = app.session.now()
        seconds = max(0.0, (now - self.shown_at).total_seconds()) if self.shown_at else None
        reviewed = None
        with app.reporting_errors():
            reviewed = review_flag(app.db(), flag.id, still_confused, note, now, seconds=seconds,
                                   lang=self.lang)
        if reviewed is None:
            return
        self.outcomes[self.index] = ("flag", "still_confused" if still_confused else "resolved", None)
        self.history.append((self.index, reviewed.log_id))
        await self.next_step(self.t("kept_open" if still_confused else "resolved"))

    async def action_undo(self) -> None:
        """Take back the last answer of this session and step back to it (only while it is the
        latest in the log: a practice answer or the command line may have logged one since)."""
        from studytrack.store.progress import latest_review_log_id
        from studytrack.store.reviews import undo_last_review

        if not self.history:
            return
        app = self.app
        index, log_id = self.history[-1]
        undone = None
        with app.reporting_errors():
            if latest_review_log_id(app.db()) != log_id:
                self.notify(self.t("not_latest"), severity="warning")
                return
            undone = undo_last_review(app.db(), app.session.now())
        if undone is None:
            return
        self.history.pop()
        self.outcomes.pop(index, None)
        self.skipped = {skipped for skipped in self.skipped if skipped < index}
        self.index = index
        self.phase = "session"
        self.start_item()
        self.status = self.t("undone_flag" if undone.kind == "flag" else "undone")
        await self.redraw()

    def action_open_section(self) -> None:
        """Open the lesson at the section of the current step's topic. Looking before answering
        is welcome; the answer then counts as one given with a hint (FSRS Hard, not Good)."""
        step = self.step
        if step is None:
            return
        if self.item is not None and not self.graded and not self.peeked:
            self.peeked = True
            self.notify(self.t("peeked"))
        self.app.open_topic(step.topic_id)

    def action_practise(self) -> None:
        """A practice quiz on the topics to practise (wrong lately, or flagged): answers are
        recorded, the review schedule does not move."""
        from studytrack.store.progress import practice_topics

        app = self.app
        topics: list[str] = []
        with app.reporting_errors():
            topics = practice_topics(app.db(), app.course())
        if not topics:
            self.notify(self.t("nothing_to_practise"))
            return
        self.open_practice(topics)
