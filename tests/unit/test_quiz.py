"""Quiz checking: outcomes, what is revealed when, and parsing of each answer type."""

from types import MappingProxyType

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizItem, check_quiz_answer, foreseeable_results
from studytrack.domain.content.text import LocalText
from studytrack.paths import bundled_content_dir


def item(**fields):
    base = dict(
        id="q", topic="loss.zero", section="loss-function#loss.zero", type="choice",
        prompt=LocalText("Prompt?", "질문?"), explanation=LocalText("Because.", "왜냐하면."),
    )
    base.update(fields)
    return QuizItem(**base)


CHOICE = item(choices=(LocalText("one", "하나"), LocalText("two", "둘"), LocalText("three", "셋")),
              answer=2)
TRUE_FALSE = item(type="truefalse", answer=False)
NUMERIC = item(type="numeric", answer=0.083333, atol=0.0005,
               compute=("mse", MappingProxyType({"x": [1, 2, 3], "y": [2, 4, 5], "w": 1.5,
                                                 "b": 0.5})))
TEXT_ITEM = item(type="text", accept=MappingProxyType({"en": ("saddle point",), "ko": ("안장점",)}))


@pytest.mark.parametrize("answer", ["2", "b", "B", "(b)", "two", "둘", "２"])
def test_a_choice_can_be_given_by_number_letter_or_text(answer):
    assert check_quiz_answer(CHOICE, answer).outcome == "correct"


def test_a_wrong_choice_is_incorrect_and_does_not_reveal_the_answer_but_explains():
    result = check_quiz_answer(CHOICE, "3")
    assert result.outcome == "incorrect"
    assert "two" not in result.feedback.text("en")
    assert result.explanation is not None and result.explanation.get("en") == "Because."


def test_a_correct_choice_names_the_answer():
    result = check_quiz_answer(CHOICE, "2")
    assert "2. two" in result.feedback.text("en")
    assert "2. 둘" in result.feedback.text("ko")


def test_one_check_is_worded_in_whichever_language_shows_it():
    """The result keeps message keys, so feedback on screen follows a language switch."""
    result = check_quiz_answer(NUMERIC, "0,0833")
    english, korean = result.feedback.text("en"), result.feedback.text("ko")
    assert english != korean and "0.0833" in english and "0.0833" in korean
    assert result.to_json("ko")["feedback"] == korean


@pytest.mark.parametrize("answer", ["4", "e", "zero", "0"])
def test_a_choice_out_of_range_is_invalid_with_a_reason(answer):
    result = check_quiz_answer(CHOICE, answer)
    assert result.outcome == "invalid" and "1 to 3" in result.feedback.text("en")
    assert result.explanation is None


@pytest.mark.parametrize(("answer", "outcome"), [
    ("false", "correct"), ("F", "correct"), ("거짓", "correct"), ("x", "correct"),
    ("true", "incorrect"), ("참", "incorrect"), ("maybe", "invalid")])
def test_true_false_in_both_languages(answer, outcome):
    assert check_quiz_answer(TRUE_FALSE, answer).outcome == outcome


@pytest.mark.parametrize(("answer", "outcome"), [
    ("0.0833", "correct"), ("1/12", "correct"), ("０.０８３", "correct"), ("0.09", "incorrect"),
    ("0,0833", "invalid"), ("nan", "invalid"), ("1e400", "invalid")])
def test_numeric_answers_are_compared_with_the_engine_value(answer, outcome):
    result = check_quiz_answer(NUMERIC, answer)
    assert result.outcome == outcome
    if outcome == "incorrect":
        assert "0.0833" not in result.feedback.text("en")


def test_a_decimal_comma_is_told_to_use_a_point():
    assert check_quiz_answer(NUMERIC, "0,0833").feedback.text("en") == "Use a point for decimals: 0.0833"


@pytest.mark.parametrize(("answer", "outcome"), [
    ("Saddle Point", "correct"), ("saddle-point!", "correct"), ("  saddle   point ", "correct"),
    ("the saddle point", "correct"), ("안장점이에요", "correct"), ("안장점(saddle point)", "correct"),
    ("안장점", "correct"), ("minimum", "incorrect"), ("saddlepoint minimum", "incorrect")])
def test_text_answers_are_normalized_in_both_languages(answer, outcome):
    assert check_quiz_answer(TEXT_ITEM, answer).outcome == outcome


@pytest.mark.parametrize("quiz_item", [CHOICE, TRUE_FALSE, NUMERIC, TEXT_ITEM])
def test_an_empty_answer_is_not_attempted_and_reveals_nothing(quiz_item):
    result = check_quiz_answer(quiz_item, "   ")
    assert result.outcome == "not_attempted" and result.explanation is None


WITH_IDS = item(choices=(LocalText("one", "하나"), LocalText("two", "둘"), LocalText("three", "셋")),
                choice_ids=("first", "second", "third"), answer=2)


@pytest.mark.parametrize("answer", ["2", "b", "second", "two", "둘"])
def test_a_choice_answer_is_recorded_as_the_choice_id(answer):
    result = check_quiz_answer(WITH_IDS, answer)
    assert result.outcome == "correct" and result.recorded == "second"
    assert result.given == answer


def test_a_wrong_or_invalid_choice_records_what_it_can():
    assert check_quiz_answer(WITH_IDS, "c").recorded == "third"
    assert check_quiz_answer(WITH_IDS, "zero").recorded == "zero"
    assert WITH_IDS.answer_id == "second"


def test_a_choice_without_ids_is_known_by_its_position():
    assert CHOICE.answer_id == "2"
    assert check_quiz_answer(CHOICE, "c").recorded == "3"


def test_a_text_item_accepts_its_listed_equivalent_forms():
    equation = item(type="text", accept=MappingProxyType({"en": ("y = ŷ",), "ko": ("y = ŷ",)}),
                    equivalent=("y − ŷ = 0", "yᵢ = ŷᵢ"))
    for answer in ("y = ŷ", "y - ŷ = 0", "yi = ŷi", "yᵢ = ŷᵢ"):
        assert check_quiz_answer(equation, answer).outcome == "correct", answer
    assert check_quiz_answer(equation, "y + ŷ = 0").outcome == "incorrect"
    assert check_quiz_answer(equation, "y = ŷ").feedback.text("ko").endswith("y = ŷ.")


def right_answer(quiz_item: QuizItem) -> str:
    """An answer the learner could type that is right."""
    if quiz_item.type in ("choice", "numeric"):
        return str(quiz_item.answer) if quiz_item.type == "choice" else repr(quiz_item.expected_value())
    if quiz_item.type == "truefalse":
        return "true" if quiz_item.answer else "false"
    return quiz_item.accept["en"][0]


def test_every_choice_and_a_typed_right_answer_can_be_foreseen():
    """What a card draws ahead: each choice's check, or a typed item's right answer's check,
    worded as the real check words it in both languages, for every item of the course."""
    course = load_course(bundled_content_dir())
    for quiz_item in [CHOICE, TRUE_FALSE, TEXT_ITEM, *course.quiz_items]:
        foreseen = foreseeable_results(quiz_item)
        if quiz_item.type == "choice":
            checks = [check_quiz_answer(quiz_item, str(n)) for n in range(1, len(quiz_item.choices) + 1)]
            assert foreseen == checks
            assert [result.outcome for result in foreseen].count("correct") == 1
        else:
            (result,) = foreseen
            real = check_quiz_answer(quiz_item, right_answer(quiz_item))
            assert result.outcome == real.outcome == "correct", quiz_item.id
            for lang in ("en", "ko"):
                assert result.feedback.text(lang) == real.feedback.text(lang)
            assert result.explanation == real.explanation
