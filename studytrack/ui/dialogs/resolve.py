"""The resolve dialog: what made it click?"""

from __future__ import annotations

from studytrack.ui.dialogs.text_entry import TextEntryDialog
from studytrack.i18n import Catalog

TEXT = Catalog(
    "dialogs.resolve",
    {
        "title": {"en": "Resolve “{what}”", "ko": "“{what}” 해결하기"},
        "explanation": {
            "en": "What made it click? A video, an example, a friend's explanation: next time you're "
            "stuck, you'll know what works for you.",
            "ko": "무엇 덕분에 이해됐나요? 영상, 예시, 친구의 설명 등 무엇이든 좋아요. 다음에 막힐 때 "
            "나에게 맞는 방법을 알 수 있어요.",
        },
        "placeholder": {
            "en": "e.g. drawing the loss as a valley made it obvious (optional)",
            "ko": "예: 손실을 골짜기로 그려 보니 바로 이해됐다 (선택)",
        },
    },
)


class ResolveDialog(TextEntryDialog):
    """Asks what made a flag click; returns the note (may be empty), or None when cancelled."""

    def __init__(self, what: str):
        """Ask what made the flag on ``what`` click."""
        lang = self.app.lang
        super().__init__(TEXT("title", lang, what=what), TEXT("explanation", lang),
                         TEXT("placeholder", lang))
