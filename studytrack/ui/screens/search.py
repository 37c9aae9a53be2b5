"""Search: `/` finds words in the lesson sections, the quiz prompts and the learner's flag notes,
in the app's language; Enter opens what was found."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Input, OptionList
from textual.widgets.option_list import Option

from studytrack.domain.content.search import Hit, search
from studytrack.i18n import Catalog
from studytrack.store.flags import list_flags
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.keys_line import KeysLine

TEXT = Catalog("ui.screens.search")


class SearchScreen(StudyScreen):
    """A search box over the course and the flag notes, the hits listed under it."""

    TEXT = TEXT

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, query: str = "") -> None:
        """Start with ``query`` typed in the box."""
        super().__init__()
        self.query_text = query
        """What is typed in the box."""
        self.hits: list[Hit] = []
        """What the last search found."""
        self.flags: list[tuple[str, str]] = []
        """Every flag's topic and note, read once."""

    def compose(self) -> ComposeResult:
        """The box and the hits."""
        yield Header()
        yield Input(self.query_text, placeholder=self.t("placeholder"), id="search-box", select_on_focus=False)
        yield OptionList(id="search-hits")
        yield KeysLine()

    def on_mount(self) -> None:
        """The box has the keys; the flag notes are read off the UI thread."""
        self.query_one("#search-box", Input).focus()
        app = self.app
        self.load_in_worker(lambda: [(f.topic_id, f.note) for f in list_flags(app.db(), include_resolved=True)],
                            self.keep_flags)

    def keep_flags(self, flags: list[tuple[str, str]]) -> None:
        """Keep the flag notes and search again with them."""
        self.flags = flags
        self.show_state()

    @on(Input.Changed, "#search-box")
    def typed(self, event: Input.Changed) -> None:
        """Search as the learner types."""
        self.query_text = event.value
        self.show_state()

    @on(Input.Submitted, "#search-box")
    def to_the_hits(self) -> None:
        """Enter in the box moves to the hits."""
        hits = self.query_one("#search-hits", OptionList)
        if self.hits:
            hits.focus()
            hits.highlighted = 0

    def show_state(self) -> None:
        """Search the course in the app's language and list the hits."""
        self.title, self.sub_title = self.t("title"), ""
        self.hits = search(self.app.course(), self.flags, self.query_text, self.lang)
        listing = self.query_one("#search-hits", OptionList)
        listing.clear_options()
        for index, hit in enumerate(self.hits):
            listing.add_option(Option(Content.assemble(
                (self.t(hit.kind), "$accent"), " ", (hit.title, "bold"), "\n  ", (hit.snippet, "$text-muted"),
            ), id=f"hit-{index}"))
        if self.query_text.strip() and not self.hits:
            listing.add_option(Option(Content.styled(self.t("nothing", query=self.query_text), "$text-muted"),
                                      disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a hit opens it: the lesson section, the quiz item as practice, the flagged
        topic's section."""
        event.stop()
        hit = self.hits[int((event.option.id or "hit-0").removeprefix("hit-"))]
        if hit.kind == "section":
            lesson_id, topic_id = hit.target.split("#", 1)
            self.app.open_lesson(lesson_id, topic_id)
        elif hit.kind == "quiz":
            title = self.t("practise", topic=hit.title)
            self.app.open_screen("quiz", item_ids=[hit.target], practice=True, title=title)
        else:
            self.app.open_topic(hit.target)
