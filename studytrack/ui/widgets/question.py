"""The question card: one quiz item being answered, the same in a quiz and in a review session.

``QuestionCard`` shows the prompt, the choices or the answer field, and after a check the
feedback and the explanation. It holds what is typed or picked (``answer``) and the latest check
(``result``) in reactive attributes and redraws its own lines when they change; Enter on the
answer tells the screen with a ``QuestionCard.Submitted`` message. The screen checks and records
the answer (``check_and_record``) and hands the result back to the card.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.quiz import QuizItem, QuizResult, check_quiz_answer, foreseeable_results
from studytrack.i18n import Catalog
from studytrack.store.answers import RecordedAnswer, record_answer
from studytrack.ui.widgets.answer_box import AnswerBox
from studytrack.ui.widgets.hanging import hanging
from studytrack.ui.widgets.kept_lines import AheadStatic
from studytrack.ui.widgets.lesson_text import inline_marks
from studytrack.ui.widgets.one_layout import Settled, bring_into_view
from studytrack.vocabulary import GRADED_OUTCOMES, Outcome

Part = TypeVar("Part", bound=Widget)
"""A kind of widget the card holds (``QuestionCard.part``)."""

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.question")

ANSWER_BINDINGS: list[BindingType] = [
    *(Binding(str(number), f"pick({number})", "Pick a choice", show=False) for number in range(1, 10)),
    Binding("enter", "check", "Check / next"),
    Binding("f", "flag_item", "Flag"),
    Binding("ctrl+f", "flag_item_typing", "Flag"),
]
"""The keys of answering an item, bound on the screen that shows the card (Enter must work when
nothing has the focus): pick a choice, check (then go on), flag the item's topic."""


PICK_KEYS = {str(number): number for number in range(1, 10)}
"""The keys that pick a choice by its number."""


class ChoiceList(OptionList):
    """A quiz item's choices. Once the answer is graded they are ``locked``, as they look: the
    choice answered stays highlighted (the arrows, a click or a number can't move it), nothing is
    selected again, and Enter and the arrows go on to the screen (the next step; the body scrolls).
    Locked this way the list keeps the focus and its style: ``disabled`` moved the focus and
    restyled and redrew the list on every answer and undo, about half of an answer's frame."""

    LOCKED_ACTIONS = frozenset({"select", "cursor_up", "cursor_down", "first", "last", "page_up", "page_down"})
    """The list's own keys, handed on while it is locked."""

    locked: bool = False
    """True once the answer is graded."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None of the list's keys while it is locked: the screen's take them."""
        if self.locked and action in self.LOCKED_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        """The highlight stays where it is while the list is locked."""
        if self.locked:
            return self.highlighted
        return super().validate_highlighted(highlighted)

    def action_select(self) -> None:
        """Select the highlighted choice, unless the list is locked (a click calls this too)."""
        if not self.locked:
            super().action_select()

    async def handle_key(self, event: events.Key) -> bool:
        """A number picks its choice here, where Enter is handled too, so a number and Enter typed
        together check that choice: going up to the screen's binding, the number would arrive
        after the list had already checked the choice highlighted before it."""
        number = PICK_KEYS.get(event.key, 0)
        if self.locked or not 1 <= number <= self.option_count:
            return await super().handle_key(event)  # the screen's keys (a locked list picks nothing)
        event.stop()
        event.prevent_default()
        self.highlighted = number - 1
        return True

    def key_enter(self, event: events.Key) -> bool:
        """Enter on the unlocked list selects the highlighted choice here and stops: the key
        would otherwise go up through the card, the body, the screen and the app, looking for a
        handler, before the list's own binding did the same (~1 ms of an answer's frame). Locked,
        the key goes on, to the screen's binding (the next step)."""
        if self.locked:
            return False
        event.stop()
        event.prevent_default()
        self.action_select()
        return True


class QuestionCard(Settled):
    """One quiz item: its prompt, its choices or answer field, the feedback and the explanation.

    ``answer`` follows what is typed or picked; Enter posts ``Submitted``. The screen sets
    ``result`` (the latest check) and ``note`` (a line under a graded answer's feedback); the
    card then shows the feedback and the explanation, and locks a graded answer.
    """

    DEFAULT_CSS = """
    QuestionCard {
        height: auto;
    }
    """
    """The card is as tall as its lines; the screen's body scrolls."""

    answer: var[str] = var("", init=False)
    """What is typed, or the number of the highlighted choice."""
    result: var[QuizResult | None] = var(None, init=False)
    """The latest check of ``answer``, or None before the first."""
    note: var[str] = var("", init=False)
    """A line under the feedback of a graded answer (practice, when the item comes back)."""

    class Submitted(Message):
        """Enter on the answer field or on a choice: the screen should check ``answer``."""

        def __init__(self, card: QuestionCard, answer: str) -> None:
            """``card`` asks to check ``answer``."""
            super().__init__()
            self.card = card
            """The card the answer was given on."""
            self.answer = answer
            """What to check."""

        @property
        def control(self) -> QuestionCard:
            """The card (what ``@on(..., selector)`` matches)."""
            return self.card

    def __init__(
        self,
        item: QuizItem,
        lang: str,
        *,
        answer: str = "",
        result: QuizResult | None = None,
        note: str = "",
        id: str | None = "question",
    ) -> None:
        """A card asking ``item`` in ``lang``, starting from ``answer``, ``result`` and ``note``
        (a language switch draws the card again with what it showed)."""
        super().__init__(id=id)
        self.item = item
        """The quiz item asked."""
        self.lang = lang
        """The language of the card's own texts."""
        self.drawn_ahead_width = -1
        """The card's width when its check was last drawn ahead (-1: not yet)."""
        self.note_ahead: Callable[[QuizResult], str] | None = None
        """The line the card's owner will put under each graded check it may show (when the item
        comes back), foreseen; given, each foreseeable answer's feedback is drawn ahead too."""
        self.set_reactive(QuestionCard.answer, answer)
        self.set_reactive(QuestionCard.result, result)
        self.set_reactive(QuestionCard.note, note)

    @classmethod
    def for_item(cls, item: QuizItem, lang: str, previous: QuestionCard | None) -> QuestionCard:
        """The card asking ``item`` in ``lang``: a new one, or when ``previous`` asked the same
        item (a language switch composes the screen again) one that keeps what was typed and
        the latest check."""
        if previous is None or previous.item is not item:
            return cls(item, lang)
        # the same check: its feedback is worded when shown, so it is said in the new language
        return cls(item, lang, answer=previous.answer, result=previous.result, note=previous.note)

    @property
    def graded(self) -> bool:
        """True once the answer was checked right or wrong (it can no longer change)."""
        return self.result is not None and self.result.outcome in GRADED_OUTCOMES

    @property
    def skipping(self) -> bool:
        """True when Enter comes again on an empty answer: the learner passes the item over."""
        return not self.answer.strip() and self.result is not None and self.result.outcome == Outcome.NOT_ATTEMPTED

    # ── drawing ──────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        """The prompt, the choices or the answer field, the feedback and the explanation."""
        item, lang = self.item, self.lang
        yield Static(inline_marks(item.prompt.get(lang)), id="quiz-prompt")
        if item.type == "choice":
            choices = ChoiceList(
                *(
                    Option(hanging(f"{number}. ", choice.get(lang), "bold"), id=f"choice-{number}")
                    for number, choice in enumerate(item.choices, start=1)
                ),
                id="quiz-choices",
            )
            if self.answer.isdigit():
                choices.highlighted = int(self.answer) - 1
            choices.locked = self.graded  # after the highlight: a locked list keeps the one it has
            yield choices
        else:
            yield AnswerBox(self.answer, placeholder=TEXT(f"placeholder_{item.type}", lang),
                            id="quiz-answer", max_length=1000, disabled=self.graded)
        feedback = AheadStatic(id="quiz-feedback")
        explanation = AheadStatic(id="quiz-explanation")
        self.fill_check(feedback, explanation)
        yield feedback
        yield explanation

    def on_mount(self) -> None:
        """Once the card is drawn, draw its check ahead (``draw_check_ahead``)."""
        self.call_after_refresh(self.draw_check_ahead)

    def on_resize(self) -> None:
        """A new width: the check drawn ahead again, at that width."""
        if self.content_region.width != self.drawn_ahead_width:
            self.call_after_refresh(self.draw_check_ahead)

    def draw_check_ahead(self) -> None:
        """Draw the explanation an answer will show, and the feedback of each answer that can be
        foreseen (``note_ahead``), at the width they will have, while the question is read: the
        answer's frame then draws only what the answer changed (a foresight the answer belies,
        such as a day turning meanwhile, is drawn then, as without it)."""
        width = self.drawn_ahead_width = self.content_region.width
        if not self.is_attached:
            return
        said = self.item.explanation.get(self.lang)
        explanation = self.part("quiz-explanation", AheadStatic)
        if said and explanation is not None:
            explanation.draw_ahead(inline_marks(said), width)
        feedback, note_ahead = self.part("quiz-feedback", AheadStatic), self.note_ahead
        if feedback is None or note_ahead is None or self.result is not None:
            return
        for result in foreseeable_results(self.item):
            feedback.draw_ahead(self.feedback(result, note_ahead(result)), width)

    def watch_result(self) -> None:
        """A new check: show its feedback and explanation, and lock a graded answer."""
        self.show_check()

    def watch_note(self) -> None:
        """A new line under the feedback."""
        self.show_check()

    def show_result(self, result: QuizResult | None, note: str = "") -> None:
        """Show ``result`` with ``note`` under it, drawn once (``note`` then ``result`` set one
        after the other would draw the check twice)."""
        changed = result != self.result or note != self.note
        self.set_reactive(QuestionCard.note, note)
        self.set_reactive(QuestionCard.result, result)
        if changed:
            self.show_check()

    def show_check(self) -> None:
        """Draw the latest check again, and lock the answer once it is graded: the choices as
        they look (``ChoiceList.locked``), a typed answer's field disabled."""
        if not self.is_mounted:
            return
        feedback, explanation = self.part("quiz-feedback", Static), self.part("quiz-explanation", Static)
        if feedback is not None and explanation is not None:
            self.fill_check(feedback, explanation)
        graded = self.graded
        if (choices := self.part("quiz-choices", ChoiceList)) is not None:
            choices.locked = graded
        if (answer_field := self.part("quiz-answer", Input)) is not None:
            if graded and answer_field.has_focus:
                # the focus leaves a graded field first: disabling it would hand the focus to
                # the next widget before the screen takes it back
                self.screen.set_focus(None)
            answer_field.disabled = graded
            if not graded:
                answer_field.select_all()  # typing replaces an answer to try again

    def focus_graded(self) -> None:
        """Where the focus goes once the answer is graded: the locked choices keep it (locked, they
        hand every key to the screen, and moving the focus would restyle and redraw the list:
        about half of an answer's frame); from anywhere else it leaves."""
        if not isinstance(self.screen.focused, ChoiceList):
            self.screen.set_focus(None)

    def fill_check(self, feedback: Static, explanation: Static) -> None:
        """Put the feedback and the explanation of ``result`` in their lines (hidden before a
        check, and the explanation when the check has none)."""
        result = self.result
        said = result.explanation.get(self.lang) if result is not None and result.explanation else ""
        feedback.display = result is not None
        explanation.display = bool(said)
        if result is not None:
            feedback.update(self.feedback(result, self.note))
            feedback.set_classes(f"outcome-{result.outcome}")
            explanation.update(inline_marks(said))

    def feedback(self, result: QuizResult, note: str) -> Content:
        """The feedback line: the outcome's label and what the check said, what was answered
        when wrong, how to skip an empty answer, and ``note`` under a graded one."""
        lang = self.lang
        line = Content.assemble((TEXT(f"label_{result.outcome}", lang), "bold"), " ", result.feedback.text(lang))
        if result.outcome == Outcome.INCORRECT:
            line = Content.assemble(line, " ", (TEXT("your_answer", lang, given=result.given), "dim"))
        if result.outcome == Outcome.NOT_ATTEMPTED:
            line = Content.assemble(line, " ", TEXT("skip_hint", lang))
        if result.outcome in GRADED_OUTCOMES and note:
            line = Content.assemble(line, "\n", (note, "italic"))
        return line

    def hint(self) -> str:
        """What the keys do while the answer is not graded yet."""
        if self.item.type == "choice":
            return TEXT("hint_choice", self.lang, count=len(self.item.choices))
        return TEXT("hint_typing", self.lang)

    def ask_again(self) -> None:
        """Clear the answer, the check and the note, as a new card asks the item (an answer taken
        back): nothing picked or typed, the answer unlocked."""
        self.show_result(None)  # unlocked first: a locked list keeps its highlight
        if (choices := self.part("quiz-choices", ChoiceList)) is not None:
            choices.highlighted = None
        if (answer_field := self.part("quiz-answer", Input)) is not None:
            answer_field.value = ""
        self.answer = ""

    def focus_answer(self) -> None:
        """Focus the choices or the answer field: at once when the card is on screen (the keys
        the footer lists then change with the rest of the card, in the same frame)."""
        field = self.query("#quiz-choices, #quiz-answer").first()
        if field.is_mounted and self.screen.is_current:
            self.screen.set_focus(field)
        else:
            field.focus()

    def part(self, id: str, kind: type[Part]) -> Part | None:
        """The card's own child ``id`` of type ``kind`` (None where the card has no such child):
        looked up by its id, where a query would match every widget in the card."""
        try:
            child = self.get_child_by_id(id)
        except NoMatches:
            return None
        return child if isinstance(child, kind) else None

    def check_lines(self) -> tuple[Widget, ...]:
        """The lines of the check shown, to bring into view in turn: the explanation, then the
        feedback (which wins when both don't fit)."""
        lines = (self.part("quiz-explanation", Widget), self.part("quiz-feedback", Widget))
        return tuple(line for line in lines if line is not None and line.display)

    def scroll_to_check(self) -> None:
        """Bring the check into view (``check_lines``); nothing once the card is gone (Enter may
        have moved on before the frame that asks this)."""
        if self.is_attached:
            bring_into_view(self.check_lines())

    # ── answering ────────────────────────────────────────────────────────────────────────

    def pick(self, number: int) -> None:
        """Highlight choice ``number`` (Enter then checks it); numbers past the last do nothing."""
        if self.item.type == "choice" and 1 <= number <= len(self.item.choices):
            self.query_one("#quiz-choices", ChoiceList).highlighted = number - 1
            self.answer = str(number)

    @on(Input.Changed, "#quiz-answer")
    def remember_typing(self, event: Input.Changed) -> None:
        """Follow what is typed."""
        self.answer = event.value

    @on(OptionList.OptionHighlighted, "#quiz-choices")
    def remember_choice(self, event: OptionList.OptionHighlighted) -> None:
        """Follow the highlighted choice (nothing above the card listens for it)."""
        event.stop()
        self.answer = str(event.option_index + 1)

    @on(Input.Submitted, "#quiz-answer")
    def submit_typing(self, event: Input.Submitted) -> None:
        """Enter in the answer field: check it."""
        event.stop()
        self.answer = event.value
        self.post_message(self.Submitted(self, self.answer))

    @on(OptionList.OptionSelected, "#quiz-choices")
    def submit_choice(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice: check it."""
        event.stop()
        self.answer = str(event.option_index + 1)
        self.post_message(self.Submitted(self, self.answer))


def practice_note(lang: str) -> str:
    """The line under a graded practice answer: recorded, and the schedule stays as it was."""
    return TEXT("practice_note", lang)


def answer_key_allowed(action: str, card: QuestionCard | None, typing: bool) -> bool | None:
    """Whether a key of ``ANSWER_BINDINGS`` works now (None: ``action`` is not one of them).

    ``f`` flags when the answer field does not have the keys and ``ctrl+f`` while it does; the
    number keys pick a choice until the answer is graded; Enter needs an item.
    """
    if action == "flag_item":
        return card is not None and not typing
    if action == "flag_item_typing":
        return card is not None and typing
    if action == "pick":
        return card is not None and card.item.type == "choice" and not card.graded
    if action == "check":
        return card is not None
    return None


def check_and_record(
    app: StudyApp,
    item: QuizItem,
    answer: str,
    shown_at: datetime | None,
    *,
    hinted: bool = False,
    practice: bool = False,
) -> tuple[QuizResult, RecordedAnswer | None]:
    """Check ``answer`` to ``item`` in the app's language and record it: a review of the item's
    card, or with ``practice`` a logged answer that leaves the schedule alone. ``shown_at``: when
    the item appeared (for the seconds the answer took); ``hinted``: the learner looked at the
    lesson first (a right answer then counts as Hard). The record is None when storing failed
    (the app has told the learner)."""
    now = app.session.now()
    seconds = max(0.0, (now - shown_at).total_seconds()) if shown_at else None
    result = check_quiz_answer(item, answer)
    recorded = None
    with app.reporting_errors():
        recorded = record_answer(app.db(), item, result, now, seconds=seconds, hinted=hinted,
                                 practice=practice)
    return result, recorded
