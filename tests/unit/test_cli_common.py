"""What every command shares: one printable error line, and text made valid from invalid UTF-8."""

import os

from studytrack.cli.lines import one_line, readable_arguments, readable_text


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
