"""Pick a topic of the course: where a flag made on the wrong topic belongs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from studytrack.domain.content.course import Course
from studytrack.i18n import Catalog
from studytrack.ui.dialogs.base import StudyDialog

TEXT = Catalog("ui.dialogs.topic_pick")


class TopicDialog(StudyDialog[str | None]):
    """Lists every topic in course order (the current one highlighted); returns the picked
    topic's id, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, course: Course, current: str, what: str):
        """Pick a topic of ``course`` for ``what`` (a title), starting on ``current``."""
        super().__init__()
        self.course = course
        """The course whose topics are listed."""
        self.current = current
        """The topic the flag is on now."""
        self.what = what
        """What is being moved, as the title says it."""

    def compose(self) -> ComposeResult:
        """The question and the topics, each as the lesson section that teaches it."""
        lang = self.app.lang
        with Vertical(classes="dialog", id="topic-dialog"):
            yield Label(TEXT("title", lang, what=self.what), classes="panel-title", markup=False)
            topics = OptionList(*(Option(topic.title.get(lang), id=topic.id) for topic in self.course.topics),
                                id="topic-list")
            yield topics
            yield Label(TEXT("hint", lang), classes="dialog-hint")

    def on_mount(self) -> None:
        """The list has the focus, on the current topic."""
        topics = self.query_one("#topic-list", OptionList)
        ids = [topic.id for topic in self.course.topics]
        topics.highlighted = ids.index(self.current) if self.current in ids else 0
        topics.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a topic: that one."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Keep the flag where it is."""
        self.dismiss(None)
