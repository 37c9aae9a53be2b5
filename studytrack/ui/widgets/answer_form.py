"""The answer form of a numeric or choice exercise: a box for each number, a numbered list for
each choice, telling the screen what the learner typed or picked and when they want it checked.

What is typed is kept by the screen (it outlives a redraw and a language switch); the form
reports each change with ``AnswerForm.Changed`` and Enter with ``AnswerForm.Submitted``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from studytrack.domain.exercises import checks
from studytrack.domain.exercises.model import AnswerSpec, ExerciseInstance
from studytrack.i18n import Catalog
from studytrack.ui.widgets.answer_box import AnswerBox
from studytrack.ui.widgets.blank import Column, Row
from studytrack.ui.widgets.hanging import hanging

TEXT = Catalog("ui.widgets.answer_form")


class AnswerForm(Column):
    """The answer boxes and choice lists of one problem."""

    class Changed(Message):
        """The learner typed into a box or moved to another choice."""

        def __init__(self, name: str, value: str) -> None:
            """Answer ``name`` is now ``value`` (a choice's id for a choice)."""
            super().__init__()
            self.name = name
            """The answer's name."""
            self.value = value
            """What is typed, or the id of the highlighted choice."""

    class Submitted(Message):
        """Enter in a box or on a choice: check the answers."""

    def __init__(self, instance: ExerciseInstance, answers: Mapping[str, str], lang: str, *,
                 id: str | None = None):
        """The form of ``instance``, filled with ``answers`` (by name), its texts in ``lang``."""
        super().__init__(id=id)
        self.instance = instance
        """The problem answered."""
        self.answers = dict(answers)
        """What is typed or picked so far, by answer name."""
        self.lang = lang
        """The language of the choices and the placeholder."""

    def compose(self) -> ComposeResult:
        """A list per choice answer and a labelled box per number."""
        choices = self.instance.choices()
        for spec in self.instance.exercise.answers:
            if spec.kind in checks.CHOICE_KINDS:
                yield self.choice_list(spec, choices.get(spec.name, ()))
            else:
                with Row(classes="answer-row"):
                    yield Label(f"{spec.name} =", classes="answer-name")
                    yield AnswerBox(self.answers.get(spec.name, ""), placeholder=TEXT("placeholder", self.lang),
                                    id=f"answer-{spec.name}", max_length=200, compact=True, select_on_focus=False)

    def choice_list(self, spec: AnswerSpec, values: tuple[Any, ...]) -> OptionList:
        """The choices of a choice or position answer, numbered 1…n, the picked one highlighted."""
        params = self.instance.params
        options = []
        for number, value in enumerate(values, start=1):
            if spec.kind == checks.CHOICE:
                text = checks.CHOICE_WORDS[value][self.lang]
            elif "starts" in params:
                text = TEXT("start_option", self.lang, x=checks.num(params["starts"][value - 1]))
            else:
                text = str(value)
            options.append(Option(hanging(f"{number}. ", text, "bold"), id=f"choice-{value}"))
        choices = OptionList(*options, id=f"choices-{spec.name}", classes="answer-choices")
        choices.border_title = spec.name
        picked = self.answers.get(spec.name)
        ids = [str(value) for value in values]
        if picked in ids:
            choices.highlighted = ids.index(picked)
        return choices

    def pick(self, number: int) -> None:
        """Highlight choice ``number`` of the first choice list and give it the keys."""
        choices = self.query(".answer-choices")
        if not choices:
            return
        option_list = choices.first(OptionList)
        if 1 <= number <= option_list.option_count:
            option_list.highlighted = number - 1
            option = option_list.get_option_at_index(number - 1)
            self.remember((option_list.id or "").removeprefix("choices-"), (option.id or "").removeprefix("choice-"))
            option_list.focus()

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        """Tell the screen what is typed now."""
        event.stop()
        if event.input.id and event.input.id.startswith("answer-"):
            self.remember(event.input.id.removeprefix("answer-"), event.value)

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionMessage) -> None:
        """Tell the screen which choice is highlighted now."""
        event.stop()
        list_id = event.option_list.id or ""
        if list_id.startswith("choices-") and event.option.id:
            self.remember(list_id.removeprefix("choices-"), event.option.id.removeprefix("choice-"))

    def remember(self, name: str, value: str) -> None:
        """Keep answer ``name`` as ``value`` and tell the screen."""
        self.answers[name] = value
        self.post_message(self.Changed(name, value))

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def submitted(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        """Enter in a box or on a choice: ask for a check."""
        event.stop()
        if isinstance(event, OptionList.OptionSelected):
            self.highlighted(event)
        self.post_message(self.Submitted())
