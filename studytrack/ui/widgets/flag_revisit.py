"""A flag revisited in a review session: when and why it was made, the learner's note, the
question "does it make sense now?", and the lesson section it is about.

The learner answers with the review screen's keys: still confused keeps the flag open, "I get it
now" asks what made it click (the resolve dialog) and resolves it. The widget records the answer
(``studytrack.store.flag_reviews.review_flag``) and tells the screen with ``FlagRevisit.Reviewed``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Markdown, Static

from studytrack.i18n import Catalog
from studytrack.store.flag_reviews import FlagReview, review_flag
from studytrack.store.flags import Flag
from studytrack.store.settings import DaySettings
from studytrack.ui.dialogs.resolve import ResolveDialog
from studytrack.ui.widgets.blank import Column
from studytrack.ui.widgets.flag_words import category_name, made_day

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.flag_revisit")


class FlagRevisit(Column):
    """One open flag to look at again, with its lesson section; records how the learner answers."""

    DEFAULT_CSS = """
    FlagRevisit {
        height: auto;
    }
    """
    """As tall as its lines; the screen's body scrolls."""

    class Reviewed(Message):
        """The learner answered the flag, and the answer is stored."""

        def __init__(self, revisit: FlagRevisit, review: FlagReview) -> None:
            """``revisit`` stored ``review``."""
            super().__init__()
            self.revisit = revisit
            """The widget the flag was answered on."""
            self.review = review
            """What was stored (its log row, the flag afterwards, still confused or not)."""

        @property
        def control(self) -> FlagRevisit:
            """The widget (what ``@on(..., selector)`` matches)."""
            return self.revisit

    def __init__(self, flag: Flag, title: str, days: DaySettings, lang: str, shown_at: datetime | None) -> None:
        """``flag`` on the topic titled ``title``, its age counted in the learner's ``days``,
        shown in ``lang`` since ``shown_at`` (for the seconds the answer took)."""
        super().__init__(id="flag-revisit")
        self.flag = flag
        """The flag revisited."""
        self.title = title
        """Its topic's title (the resolve dialog names it)."""
        self.days = days
        """The learner's day settings: a flag made yesterday is "yesterday"."""
        self.lang = lang
        """The language of the texts."""
        self.shown_at = shown_at
        """When the flag appeared."""

    @property
    def study_app(self) -> StudyApp:
        """The app, with its session and error reporting."""
        return cast("StudyApp", self.app)

    def compose(self) -> ComposeResult:
        """The heading (age and category), the note, the question and the lesson section."""
        app, flag, lang, days = self.study_app, self.flag, self.lang, self.days
        age = made_day(flag.created_at, app.session.now(), days).text(lang)
        category = category_name(flag.category, lang)
        yield Static(TEXT("flag_heading", lang, age=age, category=category), id="flag-heading")
        note = TEXT("flag_note", lang, note=flag.note) if flag.note else TEXT("flag_no_note", lang)
        yield Static(Content(note), id="flag-note")
        yield Static(TEXT("flag_question", lang), id="flag-question")
        section = app.course().section_for_topic(flag.topic_id)
        if section is not None:
            yield Markdown(section.body.get(lang), id="flag-section")

    def still_confused(self) -> None:
        """Keep the flag open: it comes back another day."""
        self.record(still_confused=True, note="")

    def got_it(self) -> None:
        """Ask what made it click, then resolve the flag with that note (nothing when cancelled)."""

        def resolve(note: str | None) -> None:
            """Resolve with the note the dialog returned."""
            if note is not None:
                self.record(still_confused=False, note=note)

        self.app.push_screen(ResolveDialog(self.title), resolve)

    def record(self, still_confused: bool, note: str) -> None:
        """Store the answer with the seconds it took, then post ``Reviewed`` (nothing when the
        store refused: the app has told the learner)."""
        app = self.study_app
        now = app.session.now()
        seconds = max(0.0, (now - self.shown_at).total_seconds()) if self.shown_at else None
        with app.reporting_errors():
            review = review_flag(app.session.learner(self.lang).at(now), self.flag.id, still_confused,
                                 note, seconds=seconds)
            self.post_message(self.Reviewed(self, review))
