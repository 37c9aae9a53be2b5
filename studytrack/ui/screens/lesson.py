"""Lesson: one section at a time with a table of contents beside it; ``f`` flags what's unclear,
``q`` quizzes and ``e`` practises the section's topic, and the end asks how the lesson was."""

from __future__ import annotations

import threading

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.course import Lesson, Section
from studytrack.i18n import Catalog
from studytrack.store.journal import rate_lesson, reading_position, remember_reading
from studytrack.ui.dialogs.confirm import ConfirmDialog
from studytrack.ui.dialogs.rate import RateDialog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.hanging import hanging
from studytrack.ui.widgets.lesson_figure import SectionFigures, split_at_figures
from studytrack.ui.widgets.lesson_text import LessonText

TEXT = Catalog("ui.screens.lesson")


class LessonScreen(StudyScreen):
    """Read a lesson section by section; flag, quiz or practise the current section's topic."""

    TEXT = TEXT

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
        """The table of contents, the section and the end-of-lesson hint."""
        yield Header()
        with Horizontal(id="lesson-body"):
            toc = OptionList(id="toc")
            toc.border_title = self.t("contents")
            yield toc
            with Vertical(id="lesson-main"):
                with VerticalScroll(id="section"):
                    yield LessonText(id="section-text", open_links=False)
                    figures = SectionFigures(id="section-figures")
                    figures.display = False  # until a section has figures (``show_section``)
                    yield figures
                yield Static("", id="lesson-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Find the lesson and show its first (or requested) section; where the learner stopped
        last time is read (and the new place written) off the UI thread (``keep_position``)."""
        app = self.app
        with app.reporting_errors():
            self.lesson = app.course().lesson(self.lesson_id)
        if self.lesson is None:
            self.notify(self.t("unknown_lesson", lesson=self.lesson_id), severity="error")
            return
        self.index = self.lesson.section_index(self.start_topic)
        self.show_state()
        self.query_one("#section", VerticalScroll).focus()

    def remember_position(self) -> None:
        """Keep the section shown as the reading position, in a thread worker (a write waits for
        the disk; the learner's next frame should not)."""
        self.position_to_keep = self.index
        self.run_worker(self.keep_position, thread=True, group="reading-position")

    def keep_position(self) -> None:
        """The worker: the first time, read where the learner stopped before this visit (and
        offer to go there); then write the latest section shown, unless written already. One
        worker at a time, so the last section shown is the one kept."""
        app, lang = self.app, self.lang
        with self.position_lock, app.reporting_errors():
            if not self.position_read:
                self.position_read = True
                stopped = reading_position(app.db(), self.lesson_id)
                app.call_from_thread(self.offer_to_resume, stopped)
            wanted = self.position_to_keep
            if wanted is not None and wanted != self.position_kept:
                remember_reading(app.session.learner(lang), self.lesson_id, wanted)
                self.position_kept = wanted

    def offer_to_resume(self, stopped: int | None) -> None:
        """Opened at its start while the learner stopped at section ``stopped`` (a later one):
        ask whether to go there."""
        if self.lesson is None or self.start_topic is not None or stopped is None:
            return
        if not 0 < stopped < len(self.lesson.sections):
            return
        app = self.app
        title = self.shown.sections[stopped].title.get(self.lang)
        question = self.t("resume_question", number=stopped + 1, title=title)
        app.push_screen(ConfirmDialog(question, self.t("resume_detail")),
                        lambda resume: self.show_section(stopped) if resume else None)

    def show_state(self) -> None:
        """Show the table of contents and the current section."""
        if self.lesson is None:
            return
        self.fill_toc()
        self.show_section(self.index)

    def fill_toc(self) -> None:
        """List the sections, long titles wrapped under their own start (not under the number)."""
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        toc.add_options(
            Option(hanging(f"{number}. ", section.title.get(self.lang)), id=section.topic_id)
            for number, section in enumerate(self.shown.sections, start=1)
        )

    def show_section(self, index: int) -> None:
        """Display section ``index`` and mark it in the table of contents."""
        lang, lesson = self.lang, self.shown
        self.index = max(0, min(index, len(lesson.sections) - 1))
        section = self.current_section
        text = f"## {section.title.get(lang)}\n\n{section.body.get(lang)}"
        if self.index == 0 and lesson.intro.get(lang):
            text = f"{lesson.intro.get(lang)}\n\n{text}"
        first, rest = split_at_figures(text)
        self.query_one("#section-text", LessonText).update(first)
        figures = self.query_one("#section-figures", SectionFigures)
        if rest or figures.children:  # a section without figures leaves the empty place alone
            figures.show(rest)
            self.call_after_refresh(figures.draw_figures, self.app.course().root, lang)
        self.query_one("#toc", OptionList).highlighted = self.index
        self.query_one("#section", VerticalScroll).scroll_home(animate=False)
        last = self.index == len(lesson.sections) - 1
        hint = self.query_one("#lesson-hint", Static)
        hint.update(self.t("hint_last") if last else "")
        hint.display = last
        self.title = lesson.title.get(lang)
        self.sub_title = self.t("section_of", number=self.index + 1, count=len(lesson.sections))
        self.remember_position()

    @on(Markdown.LinkClicked)
    def follow_link(self, event: Markdown.LinkClicked) -> None:
        """``lesson:id#topic`` opens that lesson at that topic's section (in place when it is this
        lesson); any other link opens as the terminal allows."""
        event.stop()
        scheme, _, target = event.href.partition(":")
        if scheme != "lesson":
            self.app.open_url(event.href)
            return
        lesson_id, _, topic_id = target.partition("#")
        if lesson_id == self.lesson_id and self.lesson is not None:
            self.show_section(self.lesson.section_index(topic_id))
        else:
            self.app.open_lesson(lesson_id, topic_id or None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A section picked in the table of contents."""
        event.stop()
        self.show_section(event.option_index)
        self.query_one("#section", VerticalScroll).focus()

    def action_next_section(self) -> None:
        """Move to the next section; after the last one, ask how the lesson was."""
        if self.lesson is None:
            return
        if self.index == len(self.lesson.sections) - 1:
            self.ask_rating()
        else:
            self.show_section(self.index + 1)

    def action_previous_section(self) -> None:
        """Move to the previous section."""
        if self.lesson is not None:
            self.show_section(self.index - 1)

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
