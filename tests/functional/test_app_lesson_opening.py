"""Opening a lesson: the screen is composed holding its section (the text is parsed once, not
filled in after mounting), and where the learner stopped before is offered only while they have
not moved on."""

from textual.widgets import OptionList, Static

from studytrack.ui.app import make_app
from studytrack.ui.screens import lesson as lesson_module
from studytrack.ui.screens.lesson import LessonScreen
from studytrack.ui.widgets.lesson_text import LessonText


async def test_a_lesson_opens_with_its_section_parsed_once(session, settle, monkeypatch):
    """Opened at a section, the lesson's text widget is given that section once; the contents,
    the title and the hint are in place on the first frame."""
    updates = []
    original = LessonText.update

    def counted(self, markdown):
        if self.id == "section-text":
            updates.append(markdown)
        return original(self, markdown)

    monkeypatch.setattr(LessonText, "update", counted)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("optima-convexity", "opt.convex")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.current_section.topic_id == "opt.convex"
        assert len(updates) == 1 and screen.current_section.title.get("en") in updates[0]
        toc = screen.query_one("#toc", OptionList)
        assert toc.option_count == len(screen.shown.sections) and toc.highlighted == screen.index
        assert screen.query_one("#lesson-hint", Static).display  # the last section
        assert screen.focused is screen.query_one("#section")
        await pilot.press("p")
        await settle(app, pilot)
        assert len(updates) == 2 and not screen.query_one("#lesson-hint", Static).display


async def test_the_place_read_from_before_is_offered_only_until_the_learner_moves_on(session, settle,
                                                                                    monkeypatch):
    """The read of where the learner stopped arrives after the lesson is drawn: at the start it
    asks whether to go there; once the learner has gone to another section, it asks nothing."""
    monkeypatch.setattr(lesson_module, "reading_position", lambda db, lesson_id: None)  # never opened
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("loss-function")
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("n")
        screen.post_message(LessonScreen.PositionRead(3))  # a slow read, arriving after the key
        await settle(app, pilot)
        assert app.screen is screen and screen.index == 1
        app.pop_screen()
        await settle(app, pilot)
        app.open_lesson("loss-function")
        await settle(app, pilot)
        reopened = app.screen
        reopened.post_message(LessonScreen.PositionRead(3))
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await settle(app, pilot)
        assert app.screen is reopened and reopened.index == 3
