"""What every command shares: one printable error line, text made valid from invalid UTF-8, and
days said in the learner's words."""

import os
from datetime import date

from studytrack.cli.common import day_words, one_line, readable_arguments, readable_text


def test_one_line_escapes_control_characters_and_keeps_the_rest():
    assert one_line("  no\nsuch\titem\x1b[2J\r\x7f ok  ") == "no\\nsuch\\titem\\x1b[2J\\r\\x7f ok"
    assert one_line("손실 함수 ÷ ∇L") == "손실 함수 ÷ ∇L"


def test_invalid_utf8_becomes_the_replacement_character_and_is_reported():
    assert readable_text(os.fsdecode(b"caf\xe9")) == ("caf\ufffd", True)
    assert readable_text("café") == ("café", False)
    assert readable_text("a\x00b") == ("a\ufffdb", True)
    assert readable_text("\ud800x") == ("?x", True)
    assert readable_arguments(["flag", os.fsdecode(b"\xff")]) == (["flag", "\ufffd"], True)
    assert readable_arguments(["flags", "--all"]) == (["flags", "--all"], False)


def test_days_are_said_as_a_person_says_them():
    today = date(2026, 12, 1)
    said = [day_words(date(2026, 12, d), today, "en") for d in (1, 2)] + [
        day_words(date(2026, 11, d), today, "en") for d in (30, 28, 1)]
    assert said == ["today", "tomorrow", "yesterday", "3 days ago", "on 2026-11-01"]
    assert day_words(date(2026, 12, 4), today, "en") == "in 3 days"
    assert day_words(today, today, "ko") == "오늘" and day_words(date(2026, 11, 28), today, "ko") == "3일 전"
