"""Lesson: one section at a time with a table of contents beside it; ``f`` flags what's unclear,
``q`` quizzes and ``e`` practises the section's topic, and the end asks how the lesson was."""

from __future__ import annotations

import threading

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.course import Lesson, Section
from studytrack.i18n import Catalog
from studytrack.store.journal import rate_lesson, reading_position, remember_reading
from studytrack.ui.dialogs.confirm import ConfirmDialog
from studytrack.ui.dialogs.rate import RateDialog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.blank import Column, Row
from studytrack.ui.widgets.hanging import hanging
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.lesson_figure import SectionFigures, split_at_figures
from studytrack.ui.widgets.lesson_frame import SectionScroll
from studytrack.ui.widgets.lesson_text import LessonText

TEXT = Catalog("ui.screens.lesson")


class LessonScreen(StudyScreen):
    """Read a lesson section by section; flag, quiz or practise the current section's topic."""

    TEXT = TEXT

    AUTO_FOCUS = "#section"
    """The section's text has the focus from the start (its keys scroll it), so the footer is drawn
    for one focus, not first for the contents list's."""

    BINDINGS = [
        Binding("n", "next_section", "Next"),
        Binding("p", "previous_section", "Previous"),
        Binding("f", "flag_section", "Flag"),
        Binding("q", "open_quiz", "Quiz"),
        Binding("e", "open_exercises", "Exercises"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, lesson_id: str, topic_id: str | None = None) -> None:
        """Show lesson ``lesson_id``, at the section of ``topic_id`` when given."""
        super().__init__()
        self.lesson_id = lesson_id
        """The lesson to show."""
        self.start_topic = topic_id
        """The section to open at (None: the first)."""
        self.lesson: Lesson | None = None
        """The lesson, once found in the course."""
        self.index = 0
        """Which section is shown (0-based)."""
        self.position_lock = threading.Lock()
        """One ``keep_position`` worker at a time."""
        self.position_read = False
        """Whether the position before this visit was read (it is, before the first write)."""
        self.position_to_keep: int | None = None
        """The section to keep as the reading position (the latest shown)."""
        self.position_kept: int | None = None
        """The section last written as the reading position."""
        self.moved = False
        """Whether the learner went to another section during this visit (then the position
        read from before the visit is not offered any more)."""

    @property
    def shown(self) -> Lesson:
        """The lesson shown; asked for only once it was found in the course."""
        if self.lesson is None:
            raise LookupError(f"lesson {self.lesson_id!r} is not in the course")
        return self.lesson

    @property
    def current_section(self) -> Section:
        """The section the learner is reading."""
        return self.shown.sections[self.index]

    def compose(self) -> ComposeResult:
        """The table of contents, the section and the end-of-lesson hint, each built already
        holding what it shows (nothing is filled in again after mounting: the first frame lays
        the screen out once)."""
        lesson = self.find_lesson()
        first, rest = split_at_figures(self.section_markdown()) if lesson is not None else ("", [])
        last = lesson is not None and self.index == len(lesson.sections) - 1
        yield Header()
        with Row(id="lesson-body"):
            toc = OptionList(*self.toc_options(), id="toc")
            toc.border_title = self.t("contents")
            yield toc
            with Column(id="lesson-main"):
                with SectionScroll(id="section"):
                    yield LessonText(first, id="section-text", open_links=False)
                    yield SectionFigures(rest, id="section-figures")
                hint = Static(self.t("hint_last") if last else "", id="lesson-hint")
                hint.display = last
                yield hint
        yield KeysLine()

    def find_lesson(self) -> Lesson | None:
        """The lesson, looked up in the course the first time (at the requested section)."""
        if self.lesson is None:
            app = self.app
            with app.reporting_errors():
                self.lesson = app.course().lesson(self.lesson_id)
            if self.lesson is not None:
                self.index = self.lesson.section_index(self.start_topic)
        return self.lesson

    def on_mount(self) -> None:
        """Show where the learner is; where they stopped last time is read (and the new place
        written) off the UI thread (``keep_position``), started first so it runs meanwhile."""
        if self.lesson is None:
            self.notify(self.t("unknown_lesson", lesson=self.lesson_id), severity="error")
            return
        self.remember_position()
        self.show_place()

    def remember_position(self) -> None:
        """Keep the section shown as the reading position, in a thread worker (a write waits for
        the disk; the learner's next frame should not)."""
        self.position_to_keep = self.index
        self.run_worker(self.keep_position, thread=True, group="reading-position")

    def keep_position(self) -> None:
        """The worker: the first time, read where the learner stopped before this visit and hand
        it to the screen (``PositionRead``, without waiting for the screen to take it); then
        write the latest section shown, unless written already. One worker at a time, so the
        last section shown is the one kept."""
        app, lang = self.app, self.lang
        with self.position_lock, app.reporting_errors():
            if not self.position_read:
                self.position_read = True
                self.post_message(self.PositionRead(reading_position(app.db(), self.lesson_id)))
            wanted = self.position_to_keep
            if wanted is not None and wanted != self.position_kept:
                remember_reading(app.session.learner(lang), self.lesson_id, wanted)
                self.position_kept = wanted

    class PositionRead(Message):
        """Where the learner stopped reading this lesson before this visit (None: never opened)."""

        def __init__(self, stopped: int | None) -> None:
            """Carry the section index read, ``stopped``."""
            super().__init__()
            self.stopped = stopped

    @on(PositionRead)
    def offer_to_resume(self, event: PositionRead) -> None:
        """Opened at its start while the learner stopped at a later section last time, and not
        moved on since: ask whether to go there."""
        stopped = event.stopped
        if self.lesson is None or self.start_topic is not None or self.moved or stopped is None:
            return
        if not 0 < stopped < len(self.lesson.sections):
            return
        app = self.app
        title = self.shown.sections[stopped].title.get(self.lang)
        question = self.t("resume_question", number=stopped + 1, title=title)

        async def resume_there(resume: bool | None) -> None:
            """Go to the section where the learner stopped, if they said so."""
            if resume:
                await self.show_section(stopped)

        app.push_screen(ConfirmDialog(question, self.t("resume_detail")), resume_there)

    def show_state(self) -> None:
        """After a language switch (``compose`` has built the section in the new language): the
        title, the section's place and its figures."""
        if self.lesson is not None:
            self.show_place()

    def toc_options(self) -> list[Option]:
        """The sections as the table of contents lists them, long titles wrapped under their own
        start (not under the number)."""
        if self.lesson is None:
            return []
        return [Option(hanging(f"{number}. ", section.title.get(self.lang)), id=section.topic_id)
                for number, section in enumerate(self.lesson.sections, start=1)]

    def section_markdown(self) -> str:
        """The Markdown of the section shown: its title and body (after the lesson's introduction
        on the first section)."""
        lang, lesson = self.lang, self.shown
        section = self.current_section
        text = f"## {section.title.get(lang)}\n\n{section.body.get(lang)}"
        if self.index == 0 and lesson.intro.get(lang):
            text = f"{lesson.intro.get(lang)}\n\n{text}"
        return text

    async def show_section(self, index: int) -> None:
        """Display section ``index`` in place of the one shown, and keep it as the reading position.
        The new text, its place in the contents, the title and the hint come in one frame: the
        text's blocks are parsed in a thread and mounted over several turns of the event loop, and
        a frame in between showed the new title over the old text and laid the screen out twice."""
        lesson = self.shown
        self.index = max(0, min(index, len(lesson.sections) - 1))
        self.moved = True
        first, rest = split_at_figures(self.section_markdown())
        with self.app.batch_update():
            text = self.query_one("#section-text", LessonText).update(first)
            figures = self.query_one("#section-figures", SectionFigures)
            if rest or figures.children:  # a section without figures leaves the empty place alone
                figures.show(rest)
            self.query_one("#section", VerticalScroll).scroll_home(animate=False)
            last = self.index == len(lesson.sections) - 1
            hint = self.query_one("#lesson-hint", Static)
            hint.update(self.t("hint_last") if last else "")
            hint.display = last
            self.show_place()
            await text
        self.check_idle()  # the frame held back: the screen draws it now (it may be idle already)
        self.call_after_refresh(self.remember_position)  # the write's thread after the frame, not during it

    def show_place(self) -> None:
        """The lesson's title, which section of how many, the section marked in the table of
        contents, and its figures drawn (in a worker, after the text is on screen)."""
        lang, lesson = self.lang, self.shown
        self.query_one("#toc", OptionList).highlighted = self.index
        self.title = lesson.title.get(lang)
        self.sub_title = self.t("section_of", number=self.index + 1, count=len(lesson.sections))
        figures = self.query_one("#section-figures", SectionFigures)
        if figures.display:  # the section has figures (``SectionFigures`` shows itself then)
            self.call_after_refresh(figures.draw_figures, self.app.course().root, lang)

    @on(Markdown.LinkClicked)
    async def follow_link(self, event: Markdown.LinkClicked) -> None:
        """``lesson:id#topic`` opens that lesson at that topic's section (in place when it is this
        lesson); any other link opens as the terminal allows."""
        event.stop()
        scheme, _, target = event.href.partition(":")
        if scheme != "lesson":
            self.app.open_url(event.href)
            return
        lesson_id, _, topic_id = target.partition("#")
        if lesson_id == self.lesson_id and self.lesson is not None:
            await self.show_section(self.lesson.section_index(topic_id))
        else:
            self.app.open_lesson(lesson_id, topic_id or None)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A section picked in the table of contents."""
        event.stop()
        await self.show_section(event.option_index)
        self.query_one("#section", VerticalScroll).focus()

    async def action_next_section(self) -> None:
        """Move to the next section; after the last one, ask how the lesson was."""
        if self.lesson is None:
            return
        if self.index == len(self.lesson.sections) - 1:
            self.ask_rating()
        else:
            await self.show_section(self.index + 1)

    async def action_previous_section(self) -> None:
        """Move to the previous section."""
        if self.lesson is not None:
            await self.show_section(self.index - 1)

    def action_flag_section(self) -> None:
        """Ask for a category and a note, then flag the current section's topic."""
        if self.lesson is None:
            return
        section = self.current_section
        self.flag_topic(section.topic_id, section.title.get(self.lang))

    def action_open_quiz(self) -> None:
        """Quiz the current section's topic."""
        if self.lesson is not None:
            title = self.current_section.title.get(self.lang)
            self.app.open_quiz([self.current_section.topic_id], title=self.t("quiz_title", title=title))

    def action_open_exercises(self) -> None:
        """Practise the current section's topic with its exercises."""
        if self.lesson is not None:
            self.app.open_exercises(self.current_section.topic_id)

    def ask_rating(self) -> None:
        """At the end of the lesson: too easy, just right or too hard?"""
        self.app.push_screen(RateDialog(self.shown.title.get(self.lang)), self.save_rating)

    def save_rating(self, rating: str | None) -> None:
        """Store the rating the dialog returned (nothing when not now) and go back."""
        if rating is None:
            return
        app = self.app
        with app.reporting_errors():
            rate_lesson(app.session.learner(app.lang), self.shown.id, rating)
            self.notify(self.t("rated", rating=self.t(rating)))
            self.dismiss()
