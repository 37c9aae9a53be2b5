"""The bundled quiz bank: coverage of every topic, well-formed items, answers from the engine."""

import re
from collections import Counter

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.domain.content.validate import validate_content


@pytest.fixture(scope="module")
def course():
    from studytrack.paths import bundled_content_dir

    return load_course(bundled_content_dir())


def test_at_least_45_items_and_two_per_topic(course):
    assert len(course.quiz_items) >= 45
    per_topic = Counter(item.topic for item in course.quiz_items)
    assert {topic: per_topic[topic] for topic in course.topic_ids if per_topic[topic] < 2} == {}


def test_every_type_is_used(course):
    assert {item.type for item in course.quiz_items} == {"choice", "truefalse", "numeric", "text"}


def test_item_ids_are_unique(course):
    ids = [item.id for item in course.quiz_items]
    assert len(ids) == len(set(ids))


def test_each_choice_item_has_exactly_one_correct_choice(course):
    for item in course.quiz_items:
        if item.type != "choice":
            continue
        outcomes = [check_quiz_answer(item, str(n)).outcome for n in range(1, len(item.choices) + 1)]
        assert outcomes.count("correct") == 1, item.id
        texts = [c.en for c in item.choices]
        assert len(set(texts)) == len(texts), item.id


def test_every_numeric_answer_matches_the_engine(course):
    numeric = [item for item in course.quiz_items if item.type == "numeric"]
    assert len(numeric) >= 8
    for item in numeric:
        expected = item.expected_value()
        assert abs(item.answer - expected) <= item.atol + item.rtol * abs(expected), item.id
        assert check_quiz_answer(item, repr(expected)).outcome == "correct", item.id


def test_every_text_item_accepts_its_own_answers(course):
    for item in course.quiz_items:
        if item.type == "text":
            for answers in item.accept.values():
                for answer in answers:
                    assert check_quiz_answer(item, answer).outcome == "correct", (item.id, answer)


def test_every_item_points_at_a_section_of_its_own_topic(course):
    for item in course.quiz_items:
        lesson_id, topic_id = item.section.split("#")
        assert topic_id == item.topic, item.id
        assert course.lesson(lesson_id).section(topic_id) is not None, item.id


def test_the_notes_own_questions_are_asked(course):
    prompts = " ".join(item.prompt.en for item in course.quiz_items)
    assert "Loss = 0" in prompts
    assert any(item.topic == "loss.find-zero" for item in course.quiz_items)
    assert sum(item.topic == "opt.analytic-hard" for item in course.quiz_items) >= 3


def test_no_latex_in_any_quiz_text(course):
    latex = re.compile(r"\$|\\[A-Za-z]+")
    for item in course.quiz_items:
        texts = [item.prompt.en, item.prompt.ko, item.explanation.en, item.explanation.ko]
        texts += [c.en for c in item.choices] + [c.ko for c in item.choices]
        for text in texts:
            assert not latex.search(text), item.id


def write_item(mini_course, body: str):
    folder = mini_course / "quizzes"
    folder.mkdir(exist_ok=True)
    (folder / "basics.toml").write_text(body, encoding="utf-8")
    return folder / "basics.toml"


GOOD = '''
[[item]]
id = "mse-one"
topic = "loss.error"
section = "basics#loss.error"
type = "numeric"
prompt.en = "MSE?"
prompt.ko = "MSE는?"
compute = { name = "mse", args = { x = [1, 2, 3], y = [2, 4, 5], w = 1.5, b = 0.5 } }
answer = 0.083333
atol = 0.0005
explanation.en = "Average of squared errors."
explanation.ko = "오차 제곱의 평균이에요."
'''


def test_a_good_quiz_file_validates(mini_course):
    write_item(mini_course, GOOD)
    assert validate_content(mini_course) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('prompt.ko = "MSE는?"\n', "", "prompt.ko is missing"),
        ('topic = "loss.error"', 'topic = "loss.eror"', "unknown topic id 'loss.eror'"),
        ('explanation.en = "Average of squared errors."\nexplanation.ko = "오차 제곱의 평균이에요."\n',
         "", "explanation.en is missing"),
        ("answer = 0.083333", "answer = 0.09", "disagrees with the engine: mse = 0.0833333"),
        ("atol = 0.0005", "atol = 0", "atol > 0"),
    ],
)
def test_a_broken_quiz_item_is_reported_with_path_and_line(mini_course, old, new, message):
    assert old in GOOD
    path = write_item(mini_course, GOOD.replace(old, new))
    found = [str(p) for p in validate_content(mini_course)]
    assert any(f.startswith(f"{path}:3: mse-one: ") and message in f for f in found), found
