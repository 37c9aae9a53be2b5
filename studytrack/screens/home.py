"""Home: the course's lessons and the open flags, at one glance."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog

TEXT = Catalog(
    "screens.home",
    {
        "lessons": {"en": "Lessons", "ko": "레슨"},
        "flags": {"en": "Open flags — things to come back to", "ko": "열린 플래그 — 다시 볼 것들"},
        "loading": {"en": "Loading your course…", "ko": "코스를 불러오는 중…"},
        "no_flags": {
            "en": "Nothing flagged. Press f in a lesson when something doesn't click.",
            "ko": "표시한 것이 없어요. 레슨에서 이해가 안 되는 곳이 있으면 f 를 누르세요.",
        },
        "open": {"en": "Open", "ko": "열기"},
        "quit": {"en": "Quit", "ko": "종료"},
        "status": {
            "en": "{flags} open flag(s) · your own pace, no streaks",
            "ko": "열린 플래그 {flags}개 · 나만의 속도로, 연속 기록 없이",
        },
    },
)


class HomeScreen(Screen):
    """The first screen: pick a lesson, see what you flagged."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("enter", "open_lesson", "Open", show=False),
    ]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        yield Header()
        with Horizontal(id="home-body"):
            with Vertical(classes="panel", id="lessons-panel"):
                yield Static(TEXT("lessons", lang), classes="panel-title")
                yield OptionList(id="lessons")
            with Vertical(classes="panel", id="flags-panel"):
                yield Static(TEXT("flags", lang), classes="panel-title")
                yield OptionList(id="open-flags")
        yield Static(TEXT("loading", lang), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#lessons", OptionList).focus()
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """Open the database and read the course off the UI thread, so the first frame is instant."""
        session = self.app.session
        try:
            course = session.course()
            from studytrack.store.flags import list_flags

            flags = list_flags(session.db())
        except StudytrackError as error:
            self.app.call_from_thread(self.app.show_error, str(error))
            return
        self.app.call_from_thread(self.show_data, course, flags)

    def refresh_data(self) -> None:
        """Read the flags again (another process may have added some)."""
        self.load_data()

    def show_data(self, course, flags) -> None:
        """Fill the lists with the course's lessons and the open flags."""
        lang = self.app.lang
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        lessons.add_options(
            Option(f"{number}. {lesson.title.get(lang)}", id=lesson.id)
            for number, lesson in enumerate(course.lessons, start=1)
        )
        lessons.highlighted = highlighted if highlighted is not None else 0
        flag_list = self.query_one("#open-flags", OptionList)
        flag_list.clear_options()
        if flags:
            for flag in flags:
                topic = course.topic(flag.topic_id)
                title = topic.title.get(lang) if topic else flag.topic_id
                note = f" — {flag.note}" if flag.note else ""
                flag_list.add_option(
                    Option(f"{title} [{flag.category}]{note}", id=f"flag-{flag.id}")
                )
        else:
            flag_list.add_option(Option(TEXT("no_flags", lang), disabled=True))
        self.query_one("#status", Static).update(TEXT("status", lang, flags=len(flags)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "lessons" and event.option.id:
            self.open_lesson(event.option.id)
        elif event.option_list.id == "open-flags" and event.option.id:
            self.open_flag(int(event.option.id.removeprefix("flag-")))

    def open_lesson(self, lesson_id: str, topic_id: str | None = None) -> None:
        """Show a lesson, at the section of ``topic_id`` when given."""
        from studytrack.screens.lesson import LessonScreen

        lesson = self.app.session.course().lesson(lesson_id)
        if lesson is not None:
            self.app.push_screen(LessonScreen(lesson, topic_id))

    def open_flag(self, flag_id: int) -> None:
        """Open the lesson section a flag points at."""
        from studytrack.store.flags import get_flag

        flag = get_flag(self.app.session.db(), flag_id, self.app.lang)
        section = self.app.session.course().section_for_topic(flag.topic_id)
        if section is not None:
            self.open_lesson(section.lesson_id, section.topic_id)

    def on_screen_resume(self) -> None:
        self.refresh_data()
