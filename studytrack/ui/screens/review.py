"""Review: today's session at your own pace, as ``studytrack due`` plans it: the check-in when today has
none, then one step at a time (reviews most forgotten first, flags to revisit, new material on a good day),
then a summary. ``u`` takes the last answer back; ``p`` practises without moving the schedule. Today's plan
is read in a worker; where the session stands is a ``ReviewSession``, and each step a ``ReviewStep`` widget.

Composed once: a new phase or step swaps only the body's widget; an answer updates its card in
place (``ReviewStep.Answered``), undoing it clears that card, and neither re-wraps nor repaints it all."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import Header, Input, Static

from studytrack.domain.progress.review_session import ReviewSession
from studytrack.domain.progress.standing import SessionStep
from studytrack.i18n import Catalog
from studytrack.store.journal import check_in
from studytrack.ui.dialogs.confirm import ask_then
from studytrack.ui.screens.base import StudyScreen, focus_without_repaint, layouts_posted
from studytrack.ui.screens.review_data import Today, read_today, subtitle, take_back
from studytrack.ui.widgets.checkin import CheckInPanel
from studytrack.ui.widgets.empty_day import EmptyDayPanel
from studytrack.ui.widgets.kept_lines import KeptStatic
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.one_layout import SteadyScroll
from studytrack.ui.widgets.question import ANSWER_BINDINGS, QuestionCard, answer_key_allowed
from studytrack.ui.widgets.review_step import ReviewStep
from studytrack.ui.widgets.session_summary import SessionSummaryPanel
from studytrack.vocabulary import GRADED_OUTCOMES, FlagReviewOutcome, LogKind, ReviewPhase

TEXT = Catalog("ui.screens.review")


class ReviewScreen(StudyScreen):
    """Today's session: check in, then reviews, flags and new items one at a time, then a summary."""

    TEXT = TEXT

    CSS_PATH = "review.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "checkin('good')", "Check in", key_display="1-3"),
        Binding("2", "checkin('okay')", "Check in", show=False),
        Binding("3", "checkin('low')", "Check in", show=False),
        *ANSWER_BINDINGS,
        Binding("1", "still_confused", "Still confused"),
        Binding("2", "got_it", "Got it"),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo_typing", "Undo"),
        Binding("o", "open_section", "Lesson section", show=False),
        Binding("p", "practise", "Practise", show=False),
        Binding("escape", "leave", "Back"),
    ]

    focused = focus_without_repaint()
    """Textual's, minus its whole-screen repaint on a focus move (the focus-styled widgets redraw)."""
    phase: var[ReviewPhase] = var(ReviewPhase.LOADING, bindings=True)
    """What the screen shows; the keys on offer follow it."""
    status: var[str] = var("", init=False)
    """What the last key did (a flag kept open, an answer undone), shown above the step; "" hides it."""

    def __init__(self) -> None:
        """An empty session; a worker reads today's plan after the first frame."""
        super().__init__()
        self.today: Today | None = None
        """Today's plan, the open flags and the day settings, once read."""
        self.progress = ReviewSession()
        """The session's steps and how far the learner got."""
        self.view: ReviewStep | None = None
        """The step shown, or None outside the session."""

    @property
    def step(self) -> SessionStep | None:
        """The step shown, or None outside the session."""
        return self.progress.step if self.phase == ReviewPhase.SESSION else None

    @property
    def card(self) -> QuestionCard | None:
        """The card of the item step shown, or None."""
        return self.view.card if self.view is not None else None

    def compose(self) -> ComposeResult:
        """Whatever the phase shows, the hint line and the footer."""
        yield Header()
        with SteadyScroll(id="review-body"):
            status = KeptStatic(self.status, id="review-status")
            status.display = bool(self.status)
            yield status
            yield from self.compose_phase()
        yield KeptStatic(self.hint(), id="review-hint")
        yield KeysLine(before_frame=True)  # the keys an answer changes, in the answer's frame

    def compose_phase(self) -> ComposeResult:
        """Loading, the check-in, an empty day, the summary, or the step shown."""
        today, lang, step = self.today, self.lang, self.step
        previous, self.view = self.view, None
        if self.phase == ReviewPhase.LOADING or today is None:
            yield Static(self.t("loading"), id="review-loading")
        elif self.phase == ReviewPhase.CHECKIN:
            yield CheckInPanel(today.plan.budget_minutes, lang)
        elif self.phase == ReviewPhase.EMPTY:
            yield EmptyDayPanel(today.plan, lang)
        elif self.phase == ReviewPhase.SUMMARY:
            yield SessionSummaryPanel(self.progress.summary(), today.plan.condition, lang)
        elif step is not None:
            subject = today.subjects[self.progress.index]
            self.view = ReviewStep(step, (self.progress.index + 1, len(self.progress.steps)), subject,
                                   self.topic_title(step.topic_id), today.days, lang,
                                   now=self.app.session.now(), previous=previous, outlook=today.outlook)
            yield self.view

    def hint(self) -> str:
        """What the keys do right now."""
        if self.phase == ReviewPhase.CHECKIN:
            return self.t("hint_checkin")
        if self.phase == ReviewPhase.SUMMARY:
            return self.t("hint_summary") if self.progress.history else ""
        return self.view.hint(self.progress.on_last_step) if self.view is not None else ""

    def show_state(self) -> None:
        """The hint line, the titles, the focus and the footer's keys for what is shown, after
        every change and a language switch."""
        self.query_one("#review-hint", Static).update(self.hint())
        plan = self.today.plan if self.today is not None else None
        self.title, self.sub_title = self.t("title"), subtitle(plan, self.phase == ReviewPhase.CHECKIN, self.t)
        view, card = self.view, self.card
        if view is not None and card is not None:
            card.note = view.graded_note(self.progress.next_review_in())
            if card.graded:
                card.focus_graded()
                self.query_one("#review-body", SteadyScroll).keep_in_view(*card.check_lines())
            else:
                card.focus_answer()
        elif view is not None:
            self.query_one("#review-body").focus()  # the arrows scroll the lesson section
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def watch_status(self, status: str) -> None:
        """Show what the last key did, or hide the line."""
        line = self.query_one("#review-status", Static)
        line.update(status)
        line.display = bool(status)

    async def show_phase(self) -> None:
        """Swap the body's widget for the phase or step shown (the lines around it stay), then the state's."""
        body = self.query_one("#review-body", SteadyScroll)
        body.scroll_home(animate=False, immediate=True)  # first: a bar hidden in the swap keeps its thumb
        await body.remove_children([child for child in body.children if child.id != "review-status"])
        await body.mount_all(list(self.compose_phase()))
        self.show_state()

    def on_mount(self) -> None:
        """Read today's plan off the UI thread."""
        self.show_state()
        self.load_in_worker(lambda: read_today(self.app), self.start_session, group="review")

    async def start_session(self, today: Today) -> None:
        """Ask for the check-in first, else lay out the session's steps and show the first."""
        self.today, self.progress = today, ReviewSession(list(today.steps))
        if not today.plan.checked_in and today.plan.break_until is None:
            self.phase = ReviewPhase.CHECKIN
        else:
            self.phase = ReviewPhase.SESSION if self.progress.steps else ReviewPhase.EMPTY
        await self.show_phase()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key only where it means something (asked for every key, often: only ``action`` is worked out)."""
        if action == "checkin":
            return self.phase == ReviewPhase.CHECKIN
        typing = isinstance(self.focused, Input)
        if action == "practise":
            return self.phase != ReviewPhase.LOADING and not typing
        if action in ("undo", "undo_typing"):
            return bool(self.progress.history) and typing == (action == "undo_typing")
        if action in ("still_confused", "got_it", "open_section"):
            step = self.step
            return step is not None and (not typing if action == "open_section" else step.kind == "flag")
        allowed = answer_key_allowed(action, self.card, typing)
        return True if allowed is None else allowed

    def action_checkin(self, condition: str) -> None:
        """Record how the learner feels today, then plan the session for it."""
        app = self.app
        with app.reporting_errors():
            if self.today is not None:
                check_in(app.session.learner(app.lang), self.today.plan.day, condition)
                self.phase = ReviewPhase.LOADING
                self.load_in_worker(lambda: read_today(self.app), self.start_session, group="review")

    @on(QuestionCard.Submitted)
    async def action_check(self) -> None:
        """Check the answer and record it (the card shows the result in place); on a graded
        item, the next step; Enter twice on an empty answer passes the item over."""
        view, card = self.view, self.card
        if view is None or card is None:
            return
        if card.skipping:  # an empty answer, Enter again: passed over (it stays due)
            self.progress.skip()
        if card.graded or card.skipping:
            await self.next_step()
        elif (answered := view.check()) is not None:
            await self.answered(answered)
            await layouts_posted(self)

    @on(ReviewStep.Answered)
    async def answered(self, event: ReviewStep.Answered) -> None:
        """Count a graded answer (it can now be undone; ``action_check`` hands an item's over) and
        show the keys of the checked card; after a flag's answer, go on."""
        if isinstance(event.outcome, FlagReviewOutcome):
            self.progress.done(event.outcome, None, event.log_id)
            still_confused = event.outcome == FlagReviewOutcome.STILL_CONFUSED
            await self.next_step(self.t("kept_open" if still_confused else "resolved"))
            return
        if event.outcome in GRADED_OUTCOMES:
            self.progress.done(event.outcome, event.days, event.log_id)
            self.status = ""
        self.show_state()

    async def next_step(self, status: str = "") -> None:
        """Show the next step (with ``status``, what the last key did), or the summary."""
        self.progress.advance()
        if self.progress.over:
            self.phase = ReviewPhase.SUMMARY
        self.status = status if self.phase == ReviewPhase.SESSION else ""
        await self.show_phase()

    def action_still_confused(self) -> None:
        """Keep the flag open (it comes back another day) and go on."""
        if self.view is not None and self.view.flag is not None:
            self.view.flag.still_confused()

    def action_got_it(self) -> None:
        """Ask what made it click, then resolve the flag and go on."""
        if self.view is not None and self.view.flag is not None:
            self.view.flag.got_it()

    async def action_undo(self) -> None:
        """Take back the last answer of this session and step back to it (only while it is the
        latest in the log: a practice answer or the command line may have logged one since)."""
        if not self.progress.history:
            return
        undone = take_back(self, self.progress.history[-1][1])
        if undone is None:
            return
        shown = self.progress.index if self.phase == ReviewPhase.SESSION else None
        on_the_step_shown = self.progress.take_back() == shown and self.card is not None
        self.phase = ReviewPhase.SESSION
        self.status = self.t("undone_flag" if undone.kind == LogKind.FLAG else "undone")
        if on_the_step_shown and self.view is not None:  # the same card asks the item afresh
            self.view.ask_again(self.app.session.now())
            self.show_state()
            await layouts_posted(self)
        else:
            await self.show_phase()

    action_undo_typing = action_undo
    """``ctrl+z``: the same undo while the answer field has the keys (``u`` would type)."""

    def action_leave(self) -> None:
        """Back to where the session was opened; in the middle of a session, only after asking
        (what was answered stays recorded)."""
        if self.phase != ReviewPhase.SESSION or not self.progress.history or self.progress.over:
            self.dismiss()
            return
        question = self.t("leave_question", done=len(self.progress.history), count=len(self.progress.steps))
        ask_then(self.app, question, self.t("leave_detail"), self.dismiss)

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` (Enter then checks it)."""
        if self.card is not None:
            self.card.pick(number)

    def action_flag_item(self) -> None:
        """Flag the current item's topic (category and note in the dialog)."""
        if self.card is not None:
            self.flag_topic(self.card.item.topic, self.topic_title(self.card.item.topic))

    action_flag_item_typing = action_flag_item
    """``ctrl+f``: flag while the answer field has the keys."""

    def action_open_section(self) -> None:
        """Open the lesson at the section of the current step's topic. Looking before answering
        is welcome; the answer then counts as one given with a hint (FSRS Hard, not Good)."""
        step, view = self.step, self.view
        if step is None:
            return
        if view is not None and view.peek():
            self.notify(self.t("peeked"))
        self.app.open_topic(step.topic_id)

    def action_practise(self) -> None:
        """A practice quiz on the topics to practise: answers are recorded, the schedule stays."""
        self.practise_weak_topics(self.t("nothing_to_practise"))
