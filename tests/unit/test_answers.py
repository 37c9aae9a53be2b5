"""Answer parsing: what counts as a number, and the reasons given when it doesn't."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.domain.answers import (
    MAX_ANSWER_LENGTH,
    normalize_text_answer,
    parse_number,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1.5", 1.5), ("-2", -2.0), (" 0.25 ", 0.25), ("1/3", 1 / 3), ("-1/4", -0.25),
     ("2.5e-3", 0.0025), ("１．５", 1.5), ("－２", -2.0), ("１/３", 1 / 3), (".5", 0.5),
     ("3.", 3.0), ("+7", 7.0), ("−0.5", -0.5), ("1E3", 1000.0)],
)
def test_numbers_fractions_and_full_width_digits_are_read(raw, value):
    parsed = parse_number(raw)
    assert parsed.ok and parsed.value == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_is_not_attempted(raw):
    assert parse_number(raw).status == "not_attempted"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [("nan", "not a finite number"), ("inf", "not a finite number"),
     ("-Infinity", "not a finite number"), ("1e400", "too large"), ("abc", "not a number"),
     ("1/0", "divides by zero"), ("1.5.2", "not a number"), ("2x", "not a number")],
)
def test_invalid_answers_say_why(raw, reason):
    parsed = parse_number(raw)
    assert parsed.status == "invalid" and parsed.reason is not None
    assert reason in parsed.reason.text("en")
    assert "\n" not in parsed.reason.text("en")


def test_a_decimal_comma_gets_use_a_point():
    parsed = parse_number("1,5")
    assert parsed.status == "invalid"
    assert parsed.reason is not None and parsed.reason.text("en") == "Use a point for decimals: 1.5"
    assert "1.5" in parsed.reason.text("ko") and parsed.reason.text("ko") != parsed.reason.text("en")


def test_over_long_input_is_refused_before_parsing():
    parsed = parse_number("1" * (MAX_ANSWER_LENGTH + 1))
    assert parsed.status == "invalid" and parsed.reason is not None and "too long" in parsed.reason.text("en")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_value_or_a_reason_never_an_exception(raw):
    parsed = parse_number(raw)
    assert parsed.status in {"ok", "invalid", "not_attempted"}
    if parsed.ok:
        assert math.isfinite(parsed.value)
    elif parsed.status == "invalid":
        assert parsed.reason is not None
        assert all(parsed.reason.text(lang) and "\n" not in parsed.reason.text(lang) for lang in ("en", "ko"))
    else:
        assert not raw.strip()


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_every_finite_float_round_trips(value):
    assert parse_number(repr(value)).value == value


@pytest.mark.parametrize(
    ("a", "b"),
    [("Saddle Point", "saddle point"), ("  saddle   point. ", "saddle point"),
     ("ＳＡＤＤＬＥ point", "saddle point"), ("안장점!", "안장점"), ("y = ŷ", "y=ŷ")],
)
def test_text_answers_fold_case_width_spacing_and_punctuation(a, b):
    assert normalize_text_answer(a) == normalize_text_answer(b)
