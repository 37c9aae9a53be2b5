"""Quiz: one item at a time, checked on Enter with immediate feedback and the explanation; a
summary names the topics to revisit.

Answering an item is shared with the review session (``studytrack.ui.screens.review``) through
``AnsweringScreen``: the question, the choices or the answer field, the feedback, the keys, and
recording each check through ``studytrack.store.reviews.record_answer``, which stores the attempt
with the seconds it took and schedules the item's card (or, in practice mode, logs the answer and
leaves the schedule as it was).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.hanging import hanging

ANSWERING = Catalog("ui.screens.quiz.answering")
"""The texts of answering an item, the same in a quiz and in a review session."""

ANSWER_BINDINGS = [
    *(Binding(str(number), f"pick({number})", "Pick a choice", show=False) for number in range(1, 10)),
    Binding("enter", "check", "Check / next"),
    Binding("f", "flag_item", "Flag"),
    Binding("ctrl+f", "flag_item_typing", "Flag"),
]
"""The keys of answering an item: pick a choice, check (then go on), flag the item's topic."""

TEXT = Catalog("ui.screens.quiz")


class AnsweringScreen(StudyScreen):
    """A screen that asks quiz items one at a time: the quiz and the review session.

    It shows the current item (``item``, given by the subclass) with its choices or answer
    field, checks the answer on Enter, records it through ``record_answer`` and shows the
    feedback; ``f`` (``ctrl+f`` while typing) flags the item's topic. Subclasses add
    ``ANSWER_BINDINGS`` to their own keys and decide what Enter does once an item is graded.
    """

    practice = False
    """True when answers are practice: recorded, but no card's schedule moves."""

    def __init__(self) -> None:
        """No item answered yet."""
        super().__init__()
        self.answer = ""
        """What is typed (or the choice number picked) for the current item."""
        self.result = None
        """The latest check of the current item (``QuizResult``), or None."""
        self.recorded = None
        """What the latest graded check stored (``RecordedAnswer``), or None."""
        self.shown_at: datetime | None = None
        self.peeked = False
        """Whether the learner looked at the lesson before answering: a right answer then counts
        as answered with a hint (FSRS Hard)."""
        """When the current item appeared (for the seconds an answer took)."""

    @property
    def item(self):
        """The quiz item being asked (``studytrack.domain.content.quiz.QuizItem``), or None."""
        return None

    @property
    def graded(self) -> bool:
        """True once the current item got a correct or incorrect answer."""
        return self.result is not None and self.result.outcome in ("correct", "incorrect")

    # ── drawing ──────────────────────────────────────────────────────────────────────────

    def compose_item(self, progress: str) -> ComposeResult:
        """The progress line, the question, the answer field or choices, and the feedback of the
        latest check (with ``feedback_extra`` after it)."""
        item, lang = self.item, self.lang
        yield Static(progress, id="quiz-progress")
        yield Static(Content(item.prompt.get(lang)), id="quiz-prompt")
        if item.type == "choice":
            choices = OptionList(
                *(
                    Option(hanging(f"{number}. ", choice.get(lang), "bold"), id=f"choice-{number}")
                    for number, choice in enumerate(item.choices, start=1)
                ),
                id="quiz-choices",
                disabled=self.graded,
            )
            if self.answer.isdigit():
                choices.highlighted = int(self.answer) - 1
            yield choices
        else:
            yield Input(
                self.answer,
                placeholder=ANSWERING(f"placeholder_{item.type}", lang),
                id="quiz-answer",
                max_length=1000,
                disabled=self.graded,
            )
        if self.result is not None:
            outcome = self.result.outcome
            feedback = Content.assemble((ANSWERING(f"label_{outcome}", lang), "bold"), " ",
                                        self.result.feedback)
            if outcome == "incorrect":
                given = ANSWERING("your_answer", lang, given=self.result.given)
                feedback = Content.assemble(feedback, " ", (given, "dim"))
            if outcome == "not_attempted":
                feedback = Content.assemble(feedback, " ", ANSWERING("skip_hint", lang))
            extra = self.feedback_extra() if self.graded else ""
            if extra:
                feedback = Content.assemble(feedback, "\n", (extra, "italic"))
            yield Static(feedback, id="quiz-feedback", classes=f"outcome-{outcome}")
            if self.result.explanation:
                yield Static(Content(self.result.explanation), id="quiz-explanation")

    def feedback_extra(self) -> str:
        """A line under the feedback of a graded answer (practice mode says the schedule stays)."""
        return ANSWERING("practice_note", self.lang) if self.practice else ""

    def answering_hint(self) -> str:
        """What the keys do while the current item is not graded yet."""
        item = self.item
        if item.type == "choice":
            return ANSWERING("hint_choice", self.lang, count=len(item.choices))
        return ANSWERING("hint_typing", self.lang)

    def focus_answer(self) -> None:
        """Focus the choices or the answer field while answering; once graded, nothing, and
        bring the feedback and the explanation into view."""
        if self.graded:
            self.set_focus(None)
            self.call_after_refresh(self.show_feedback)
            return
        widget = self.query("#quiz-choices, #quiz-answer")
        if widget:
            widget.first().focus()

    def show_feedback(self) -> None:
        """Scroll the explanation into view, then the feedback (which wins when both don't fit)."""
        for selector in ("#quiz-explanation", "#quiz-feedback"):
            found = self.query(selector)
            if found:
                found.first().scroll_visible(animate=False, immediate=True)

    # ── answering ────────────────────────────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer ``f`` when not typing and ``ctrl+f`` while typing; number keys on choices."""
        typing = isinstance(self.focused, Input)
        if action == "flag_item":
            return self.item is not None and not typing
        if action == "flag_item_typing":
            return self.item is not None and typing
        if action == "pick":
            return self.item is not None and self.item.type == "choice" and not self.graded
        return True

    def start_item(self) -> None:
        """Forget the previous item's answer and start the clock for the current one."""
        self.answer = ""
        self.result = None
        self.recorded = None
        self.peeked = False
        self.shown_at = self.app.session.now()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Remember what is typed (kept across a language switch)."""
        if event.input.id == "quiz-answer":
            self.answer = event.value

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Remember which choice is highlighted."""
        if event.option_list.id == "quiz-choices":
            self.answer = str(event.option_index + 1)

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` (Enter then checks it)."""
        choices = self.query("#quiz-choices")
        if choices and 1 <= number <= len(self.item.choices):
            choices.first(OptionList).highlighted = number - 1
            self.answer = str(number)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the answer field checks it."""
        if event.input.id != "quiz-answer":
            return
        event.stop()
        self.answer = event.value
        self.call_later(self.action_check)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice checks it; other lists are the subclass's (``option_chosen``)."""
        event.stop()
        if event.option_list.id == "quiz-choices":
            self.answer = str(event.option_index + 1)
            self.call_later(self.action_check)
        else:
            self.option_chosen(event.option_list.id, event.option.id)

    def option_chosen(self, list_id: str | None, option_id: str | None) -> None:
        """Enter on an option of a list other than the choices (a topic to revisit …)."""

    async def action_check(self) -> None:
        """Check the answer (and record it); once graded, go on (``after_graded``)."""
        if self.item is None:
            return
        if self.graded:
            await self.after_graded()
            return
        if not self.answer.strip() and self.result is not None and self.result.outcome == "not_attempted":
            await self.skip_item()
            return
        self.check_answer()
        if self.graded:
            self.answer_graded()
        await self.redraw()

    def check_answer(self) -> None:
        """Grade the current answer and record it (a review of the item's card, or practice)."""
        from studytrack.domain.content.quiz import check_quiz_answer
        from studytrack.store.reviews import record_answer

        item, app = self.item, self.app
        now = app.session.now()
        seconds = max(0.0, (now - self.shown_at).total_seconds()) if self.shown_at else None
        self.result = check_quiz_answer(item, self.answer, self.lang)
        self.recorded = None
        with app.reporting_errors():
            self.recorded = record_answer(app.db(), item, self.result, now, seconds=seconds,
                                          hinted=self.peeked, practice=self.practice)

    def answer_graded(self) -> None:
        """The current item was just answered right or wrong (``self.recorded`` says what was
        stored): keep count."""

    async def after_graded(self) -> None:
        """Enter on a graded item: go on."""

    async def skip_item(self) -> None:
        """Enter twice on an empty answer: pass the item over."""

    async def redraw(self) -> None:
        """Draw the current state again and put the focus where the keys make sense."""
        await self.recompose()
        self.show_state()
        self.refresh_bindings()  # the new footer shows the keys of the new state

    def action_flag_item(self) -> None:
        """Flag the current item's topic (category and note in the dialog)."""
        item = self.item
        if item is not None:
            self.flag_topic(item.topic, self.topic_title(item.topic))

    def action_flag_item_typing(self) -> None:
        """``ctrl+f``: flag while the answer field has the keys."""
        self.action_flag_item()


class QuizScreen(AnsweringScreen):
    """Ask the quiz items of some topics, one at a time, and sum up what to revisit.

    Each answer reviews the item's card (``record_answer``); a practice quiz (``practice``)
    records the answers and leaves every card's schedule as it was.
    """

    TEXT = TEXT

    BINDINGS = [
        *ANSWER_BINDINGS,
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(
        self,
        topics: Sequence[str] = (),
        title: str = "",
        item_ids: Sequence[str] = (),
        practice: bool = False,
    ):
        """Ask ``item_ids`` in order, or else every item about ``topics``; ``practice``: leave
        the schedule alone."""
        super().__init__()
        self.topics = list(topics)
        """The topics whose items are asked."""
        self.item_ids = list(item_ids)
        """Or: exactly these items, in this order."""
        self.quiz_title = title
        """What the header says this quiz is about."""
        self.practice = practice
        self.items: list = []
        """The quiz items (``studytrack.domain.content.quiz.QuizItem``) in the order asked."""
        self.index = 0
        """The item shown; ``len(items)`` once the summary is up."""
        self.results: list[tuple[str, str]] = []
        """``(topic_id, outcome)`` of every graded item, in order."""
        self.skipped = 0
        """Items passed over without an answer."""

    @property
    def item(self):
        """The item being asked, or None on the summary."""
        return self.items[self.index] if self.index < len(self.items) else None

    # ── drawing ──────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        """The current item (or the summary), the hint line and the footer."""
        yield Header()
        with VerticalScroll(id="quiz-body"):
            if self.item is not None:
                progress = self.t("progress", number=self.index + 1, count=len(self.items),
                                  topic=self.topic_title(self.item.topic))
                yield from self.compose_item(progress)
            elif self.items:
                yield from self.compose_summary()
        yield Static(self.hint(), id="quiz-hint")
        yield Footer(compact=True)

    def compose_summary(self) -> ComposeResult:
        """How it went and the topics to revisit."""
        from studytrack.domain.progress.standing import topics_to_revisit

        right = sum(1 for _, outcome in self.results if outcome == "correct")
        if self.results:
            line = self.t("summary", right=right, answered=len(self.results))
        else:
            line = self.t("nothing_answered")
        if self.skipped:
            line += " " + self.t("skipped", count=self.skipped)
        yield Static(line, id="quiz-summary")
        revisit = topics_to_revisit(self.results)
        if revisit:
            yield Static(self.t("revisit"), id="quiz-revisit-title")
            yield OptionList(
                *(Option(self.topic_title(topic), id=f"topic-{topic}") for topic in revisit),
                id="quiz-revisit",
            )
        else:
            yield Static(self.t("all_right"), id="quiz-all-right")

    def hint(self) -> str:
        """What the keys do right now."""
        if self.item is None:
            return ""
        if self.graded:
            return self.t("hint_last" if self.index == len(self.items) - 1 else "hint_next")
        return self.answering_hint()

    def on_mount(self) -> None:
        """Pick the items, start the clock for the first one and draw it."""
        from studytrack.domain.progress.standing import about_topics

        app = self.app
        with app.reporting_errors():
            course = app.course()
            if self.item_ids:
                self.items = [course.quiz_item(i) for i in self.item_ids if course.quiz_item(i)]
            else:
                self.items = about_topics(course.quiz_items, self.topics)
        self.start_item()
        self.call_later(self.redraw)

    def show_state(self) -> None:
        """After a language switch: titles and focus (the widgets are already recomposed)."""
        if self.practice:
            self.title = self.quiz_title or self.t("practice_title")
            self.sub_title = self.t("practice_subtitle")
        else:
            self.title = self.quiz_title or self.t("title")
        self.focus_answer()

    def focus_answer(self) -> None:
        """Focus the answer while answering; on the summary, the topics to revisit."""
        if self.item is None:
            revisit = self.query("#quiz-revisit")
            if revisit:
                revisit.first().focus()
            return
        super().focus_answer()

    # ── answering ────────────────────────────────────────────────────────────────────────

    def answer_graded(self) -> None:
        """Keep the topic and outcome for the summary."""
        self.results.append((self.item.topic, self.result.outcome))

    async def after_graded(self) -> None:
        """Enter on a graded item: the next one."""
        await self.next_item()

    async def skip_item(self) -> None:
        """Count the skip and go on."""
        self.skipped += 1
        await self.next_item()

    async def next_item(self) -> None:
        """Show the next item (or the summary after the last)."""
        self.index += 1
        self.start_item()
        await self.redraw()

    def option_chosen(self, list_id: str | None, option_id: str | None) -> None:
        """Enter on a topic to revisit opens its lesson section."""
        if list_id == "quiz-revisit" and option_id:
            self.app.open_topic(option_id.removeprefix("topic-"))
