"""Key labels in both languages, and putting them on a screen's bindings (footer and help).

Bindings are declared in ``BINDINGS`` with English descriptions; ``KEYS`` holds the label of
every action in English and Korean, keyed by the action's name, and ``translate_bindings``
swaps the descriptions of one node's bindings for the labels in the app's language. A test
proves every binding of every screen has a label here.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from studytrack.i18n import Catalog

KEYS = Catalog(
    "screens.keys",
    {
        # everywhere
        "quit": {"en": "Quit", "ko": "종료"},
        "help": {"en": "Help", "ko": "도움말"},
        "home": {"en": "Home", "ko": "홈"},
        "flags": {"en": "Flags", "ko": "플래그"},
        "review": {"en": "Review", "ko": "복습"},
        "stats": {"en": "Stats", "ko": "통계"},
        "refresh": {"en": "Refresh", "ko": "새로 고침"},
        "switch_language": {"en": "한국어", "ko": "영어로"},
        "toggle_theme": {"en": "Light/dark", "ko": "밝게/어둡게"},
        "back": {"en": "Back", "ko": "뒤로"},
        "focus_next": {"en": "Next box", "ko": "다음 칸"},
        "focus_previous": {"en": "Previous box", "ko": "이전 칸"},
        "copy_text": {"en": "Copy selected text", "ko": "선택한 글 복사"},
        # home
        "checkin": {"en": "Check in", "ko": "컨디션"},
        "edit_goal": {"en": "Goal", "ko": "목표"},
        "practise": {"en": "Practise", "ko": "연습"},
        "open_selected": {"en": "Open", "ko": "열기"},
        # lesson
        "next_section": {"en": "Next", "ko": "다음"},
        "previous_section": {"en": "Previous", "ko": "이전"},
        "flag_section": {"en": "Flag", "ko": "플래그"},
        "open_quiz": {"en": "Quiz", "ko": "퀴즈"},
        "open_exercises": {"en": "Exercises", "ko": "연습 문제"},
        # quiz
        "pick": {"en": "Pick a choice", "ko": "보기 고르기"},
        "check": {"en": "Check / next", "ko": "확인/다음"},
        "flag_item": {"en": "Flag", "ko": "플래그"},
        "flag_item_typing": {"en": "Flag", "ko": "플래그"},
        # review
        "still_confused": {"en": "Still confused", "ko": "아직 헷갈려요"},
        "got_it": {"en": "Got it", "ko": "알겠어요"},
        "undo": {"en": "Undo", "ko": "되돌리기"},
        "open_section": {"en": "Lesson section", "ko": "레슨 섹션"},
        # exercises
        "check_exercise": {"en": "Check", "ko": "확인"},
        "check_file": {"en": "Check your file", "ko": "파일 확인"},
        "next_hint": {"en": "Hint", "ko": "힌트"},
        "show_solution": {"en": "Solution", "ko": "풀이"},
        "new_numbers": {"en": "New numbers", "ko": "새 숫자"},
        "cycle_difficulty": {"en": "Difficulty", "ko": "난이도"},
        "next_exercise": {"en": "Next exercise", "ko": "다음 문제"},
        "previous_exercise": {"en": "Previous exercise", "ko": "이전 문제"},
        "toggle_playground": {"en": "Rate playground", "ko": "학습률 실험"},
        "rate_up": {"en": "Larger α", "ko": "α 키우기"},
        "rate_down": {"en": "Smaller α", "ko": "α 줄이기"},
        "write_workspace": {"en": "Starter files", "ko": "시작 파일 만들기"},
        "flag_exercise": {"en": "Flag", "ko": "플래그"},
        "flag_exercise_typing": {"en": "Flag", "ko": "플래그"},
        "leave": {"en": "Back", "ko": "뒤로"},
        # flags
        "open_flag": {"en": "Open lesson", "ko": "레슨 열기"},
        "resolve": {"en": "Resolve", "ko": "해결"},
        "cycle_category": {"en": "Category", "ko": "분류"},
        "toggle_resolved": {"en": "Resolved", "ko": "해결한 것"},
        # dialogs
        "save": {"en": "Save", "ko": "저장"},
        "cancel": {"en": "Cancel", "ko": "취소"},
        "close": {"en": "Close", "ko": "닫기"},
        "rate": {"en": "Rate", "ko": "평가"},
    },
)


def action_name(binding: Binding) -> str:
    """The bare name of a binding's action: ``app.quit`` → ``quit``, ``pick(2)`` → ``pick``."""
    action = binding.action.split("(", 1)[0]
    action = action.rsplit(".", 1)[-1]
    return "back" if action == "pop_screen" else action


def key_label(binding: Binding, lang: str) -> str:
    """What a binding does, in ``lang`` (its own description when ``KEYS`` has no label)."""
    name = action_name(binding)
    return KEYS(name, lang) if name in KEYS.entries else binding.description


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Relabel the bindings ``node`` declared, in ``lang``.

    Textual keeps a node's bindings in ``node._bindings`` (a per-instance copy of the class's
    ``BINDINGS``); the lists are replaced, never changed in place, since the copy shares them.
    """
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [_relabel(binding, lang) for binding in bindings]


def _relabel(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description (and group's) in ``lang``."""
    name = action_name(binding)
    if name not in KEYS.entries:
        return binding
    group = binding.group
    if group is not None:
        group = Binding.Group(KEYS(name, lang), compact=group.compact)
    return replace(binding, description=KEYS(name, lang), group=group)


def declared_bindings(node: DOMNode) -> list[Binding]:
    """Every binding ``node`` declares (its class's ``BINDINGS`` and inherited ones), system
    bindings left out, in declaration order."""
    return [binding for _, binding in node._bindings if not binding.system]
