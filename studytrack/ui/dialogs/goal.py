"""The long-view goal dialog: "In 10 months I want to …"."""

from __future__ import annotations

from studytrack.ui.dialogs.text_entry import TextEntryDialog
from studytrack.i18n import Catalog

TEXT = Catalog(
    "dialogs.goal",
    {
        "title": {"en": "In 10 months I want to …", "ko": "10개월 뒤에 나는 …"},
        "explanation": {
            "en": "Step back from this week's lecture: what do you want to be doing 10 months from "
            "now? Concrete beats grand. Change it whenever your plans change.",
            "ko": "이번 주 강의에서 잠시 벗어나 생각해 봐요. 10개월 뒤에 무엇을 하고 있고 싶나요? "
            "거창한 것보다 구체적인 게 좋아요. 계획이 바뀌면 언제든 고쳐도 돼요.",
        },
        "placeholder": {
            "en": "ship a small image classifier my team actually uses",
            "ko": "팀에서 실제로 쓰는 작은 이미지 분류기를 만들고 싶다",
        },
    },
)


class GoalDialog(TextEntryDialog):
    """Write or change the long-view goal; returns the text, or None when cancelled."""

    MAX_LENGTH = 300
    ALLOW_EMPTY = False

    def __init__(self, current: str = ""):
        """Ask for the goal, starting from ``current``."""
        lang = self.app.lang
        super().__init__(TEXT("title", lang), TEXT("explanation", lang), TEXT("placeholder", lang),
                         current)
