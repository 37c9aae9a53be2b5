"""The Share screen: reached with ``x`` from Home, it previews exactly the file's contents, switches
the notes on and off, and writes only when the learner presses ``w``."""

import json

from share_learners import seed_learner

from studytrack.domain.share.format import check_share
from studytrack.ui.app import make_app


async def test_share_screen_previews_then_writes_on_confirmation(session, db_path, tmp_path, monkeypatch):
    seed_learner(db_path, quiz={"gd-idea-foggy-mountain": "c"}, flags=(("loss.zero", "notation", "[b]what is ŷ?[/b]",
                                                                        None),))
    monkeypatch.chdir(tmp_path)
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ShareScreen"
        preview = str(screen.query_one("#share-preview").render())
        assert "gd-idea-foggy-mountain: incorrect (picked: follow-gradient)" in preview
        assert "what is ŷ?" not in preview
        assert not list(tmp_path.glob("studytrack-share-*.json"))
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[b]what is ŷ?[/b]" in str(screen.query_one("#share-preview").render())
        await pilot.press("w")
        await pilot.pause()
    written = list(tmp_path.glob("studytrack-share-*.json"))
    assert len(written) == 1
    document = json.loads(written[0].read_text(encoding="utf-8"))
    check_share(document)
    assert document["notes"][0]["text"] == "[b]what is ŷ?[/b]"
