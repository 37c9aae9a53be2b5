"""Quiz: one item at a time on a question card, checked on Enter with immediate feedback and the
explanation; a summary names the topics to revisit.

The card (``studytrack.ui.widgets.question``) is the one the review session shows too. Each check
is recorded with the seconds it took and reviews the item's card; a practice quiz logs the answer
and leaves the schedule as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.quiz import QuizItem, QuizResult
from studytrack.domain.progress.standing import about_topics, topics_to_revisit
from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.blank import Scroll
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.question import (
    ANSWER_BINDINGS,
    QuestionCard,
    answer_key_allowed,
    check_and_record,
    practice_note,
)
from studytrack.vocabulary import GRADED_OUTCOMES, Outcome

TEXT = Catalog("ui.screens.quiz")


class QuizScreen(StudyScreen):
    """Ask the quiz items of some topics, one at a time, and sum up what to revisit.

    Each answer reviews the item's card; a practice quiz (``practice``) records the answers and
    leaves every card's schedule as it was.
    """

    TEXT = TEXT

    BINDINGS: ClassVar[list[BindingType]] = [
        *ANSWER_BINDINGS,
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(
        self,
        topics: Sequence[str] = (),
        title: str = "",
        item_ids: Sequence[str] = (),
        practice: bool = False,
    ) -> None:
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
        """True when answers are practice: recorded, but no card's schedule moves."""
        self.items: list[QuizItem] = []
        """The quiz items in the order asked."""
        self.index = 0
        """The item shown; ``len(items)`` once the summary is up."""
        self.results: list[tuple[str, str]] = []
        """``(topic_id, outcome)`` of every graded item, in order."""
        self.skipped = 0
        """Items passed over without an answer."""
        self.card: QuestionCard | None = None
        """The card of the item shown (None on the summary)."""
        self.shown_at: datetime | None = None
        """When the item shown appeared (for the seconds an answer took)."""

    @property
    def item(self) -> QuizItem | None:
        """The item being asked, or None on the summary."""
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def result(self) -> QuizResult | None:
        """The latest check of the item shown, or None."""
        return self.card.result if self.card is not None else None

    # ── drawing ──────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        """The current item (or the summary), the hint line and the footer."""
        yield Header()
        with Scroll(id="quiz-body"):
            item = self.item
            if item is not None:
                yield Static(self.t("progress", number=self.index + 1, count=len(self.items),
                                    topic=self.topic_title(item.topic)), id="quiz-progress")
                self.card = QuestionCard.for_item(item, self.lang, self.card)
                yield self.card
            elif self.items:
                yield from self.compose_summary()
        yield Static(self.hint(), id="quiz-hint")
        yield KeysLine()

    def compose_summary(self) -> ComposeResult:
        """How it went and the topics to revisit."""
        right = sum(1 for _, outcome in self.results if outcome == Outcome.CORRECT)
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
        if self.card is None:
            return ""
        if self.card.graded:
            return self.t("hint_last" if self.index == len(self.items) - 1 else "hint_next")
        return self.card.hint()

    def on_mount(self) -> None:
        """Pick the items, start the clock for the first one and draw it."""
        app = self.app
        with app.reporting_errors():
            course = app.course()
            if self.item_ids:
                self.items = [item for i in self.item_ids if (item := course.quiz_item(i)) is not None]
            else:
                self.items = about_topics(course.quiz_items, self.topics)
        self.start_item()
        self.call_later(self.redraw)

    def show_state(self) -> None:
        """Titles and focus, after every redraw and a language switch."""
        if self.practice:
            self.title = self.quiz_title or self.t("practice_title")
            self.sub_title = self.t("practice_subtitle")
        else:
            self.title = self.quiz_title or self.t("title")
        if self.card is not None:
            self.card.note = self.graded_note()
        self.focus_answer()

    def focus_answer(self) -> None:
        """Focus the answer while answering; once graded, the locked choices keep it and anything
        else loses it (the feedback comes into view); on the summary, the topics to revisit."""
        card = self.card
        if card is None:
            revisit = self.query("#quiz-revisit")
            if revisit:
                revisit.first().focus()
        elif card.graded:
            card.focus_graded()
            self.call_after_refresh(card.scroll_to_check)
        else:
            card.focus_answer()

    async def redraw(self) -> None:
        """Draw the item shown (or the summary) and put the focus where the keys make sense."""
        await self.recompose()
        self.show_state()
        self.refresh_bindings()  # the new footer shows the keys of the new state

    # ── answering ────────────────────────────────────────────────────────────────────────

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer ``f`` when not typing and ``ctrl+f`` while typing; number keys on choices."""
        allowed = answer_key_allowed(action, self.card, isinstance(self.focused, Input))
        return True if allowed is None or action == "check" else allowed

    def start_item(self) -> None:
        """Forget the previous item's card and start the clock for the current one."""
        self.card = None
        self.shown_at = self.app.session.now()

    def graded_note(self) -> str:
        """The line under a graded answer: in practice, that the schedule stays as it was."""
        return practice_note(self.lang) if self.practice else ""

    @on(QuestionCard.Submitted)
    async def check_submitted(self) -> None:
        """Enter on the card's answer checks it."""
        await self.action_check()

    async def action_check(self) -> None:
        """Check the answer and record it; on a graded item, go on; Enter twice on an empty
        answer passes the item over."""
        card = self.card
        if card is None:
            return
        if card.graded or card.skipping:
            self.skipped += not card.graded
            await self.next_item()
            return
        result, _ = check_and_record(self.app, card.item, card.answer, self.shown_at,
                                     practice=self.practice)
        if result.outcome in GRADED_OUTCOMES:
            self.results.append((card.item.topic, result.outcome))
        card.show_result(result, self.graded_note())
        self.query_one("#quiz-hint", Static).update(self.hint())
        self.focus_answer()
        self.refresh_bindings()

    async def next_item(self) -> None:
        """Show the next item (or the summary after the last)."""
        self.index += 1
        self.start_item()
        await self.redraw()

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` (Enter then checks it)."""
        if self.card is not None:
            self.card.pick(number)

    def action_flag_item(self) -> None:
        """Flag the current item's topic (category and note in the dialog)."""
        item = self.item
        if item is not None:
            self.flag_topic(item.topic, self.topic_title(item.topic))

    def action_flag_item_typing(self) -> None:
        """``ctrl+f``: flag while the answer field has the keys."""
        self.action_flag_item()

    @on(OptionList.OptionSelected, "#quiz-revisit")
    def open_revisit_topic(self, event: OptionList.OptionSelected) -> None:
        """Enter on a topic to revisit opens its lesson section."""
        event.stop()
        if event.option.id:
            self.app.open_topic(event.option.id.removeprefix("topic-"))
