"""Lesson: one section at a time, a table of contents beside it, and ``f`` to flag what's unclear."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList
from textual.widgets.option_list import Option

from studytrack.domain.course import Lesson
from studytrack.i18n import Catalog

TEXT = Catalog(
    "screens.lesson",
    {
        "next": {"en": "Next section", "ko": "다음 섹션"},
        "previous": {"en": "Previous section", "ko": "이전 섹션"},
        "flag": {"en": "Flag: I didn't get this", "ko": "플래그: 이해 못 했어요"},
        "back": {"en": "Back", "ko": "뒤로"},
        "flagged": {
            "en": "Flagged “{title}”. It waits in your flags until you resolve it.",
            "ko": "“{title}”을(를) 표시했어요. 해결할 때까지 플래그 목록에서 기다려요.",
        },
        "section_of": {"en": "Section {number} of {count}", "ko": "{count}개 중 {number}번째 섹션"},
    },
)


class LessonScreen(Screen):
    """Read a lesson section by section; flag the current section with ``f``."""

    BINDINGS = [
        Binding("n", "next_section", "Next"),
        Binding("p", "previous_section", "Previous"),
        Binding("f", "flag_section", "Flag"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, lesson: Lesson, topic_id: str | None = None):
        super().__init__()
        self.lesson = lesson
        """The lesson on screen."""
        ids = [section.topic_id for section in lesson.sections]
        self.index = ids.index(topic_id) if topic_id in ids else 0
        """Which section is shown (0-based)."""

    @property
    def current_section(self):
        """The section the learner is reading."""
        return self.lesson.sections[self.index]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        with Horizontal(id="lesson-body"):
            yield OptionList(
                *(
                    Option(f"{number}. {section.title.get(lang)}", id=section.topic_id)
                    for number, section in enumerate(self.lesson.sections, start=1)
                ),
                id="toc",
            )
            with VerticalScroll(id="section"):
                yield Markdown(id="section-text")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.lesson.title.get(self.app.lang)
        self.show_section(self.index)
        self.query_one("#section", VerticalScroll).focus()

    def show_section(self, index: int) -> None:
        """Display section ``index`` and mark it in the table of contents."""
        lang = self.app.lang
        self.index = max(0, min(index, len(self.lesson.sections) - 1))
        section = self.current_section
        text = f"## {section.title.get(lang)}\n\n{section.body.get(lang)}"
        if self.index == 0 and self.lesson.intro.get(lang):
            text = f"{self.lesson.intro.get(lang)}\n\n{text}"
        self.query_one("#section-text", Markdown).update(text)
        self.query_one("#toc", OptionList).highlighted = self.index
        self.query_one("#section", VerticalScroll).scroll_home(animate=False)
        self.sub_title = TEXT(
            "section_of", lang, number=self.index + 1, count=len(self.lesson.sections)
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.show_section(event.option_index)

    def action_next_section(self) -> None:
        """Move to the next section."""
        self.show_section(self.index + 1)

    def action_previous_section(self) -> None:
        """Move to the previous section."""
        self.show_section(self.index - 1)

    def action_flag_section(self) -> None:
        """Ask for a category and a note, then flag the current section's topic."""
        from studytrack.dialogs.flag import FlagDialog

        section = self.current_section
        self.app.push_screen(
            FlagDialog(section.title.get(self.app.lang)),
            lambda answer: self.save_flag(section.topic_id, answer),
        )

    def save_flag(self, topic_id: str, answer: tuple[str, str] | None) -> None:
        """Store the flag the dialog returned (nothing when the learner cancelled)."""
        if answer is None:
            return
        from studytrack.store.flags import add_flag

        category, note = answer
        session = self.app.session
        add_flag(session.db(), topic_id, category, note, session.now(), self.app.lang)
        title = self.current_section.title.get(self.app.lang)
        self.notify(TEXT("flagged", self.app.lang, title=title))
