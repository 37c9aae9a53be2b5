"""The bundled quiz bank: coverage of every topic, well-formed items, answers from the engine."""

import re
from collections import Counter

import pytest

from studytrack.domain.content.computations import compute
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.domain.content.validate import validate_content, within_printed_precision
from studytrack.paths import bundled_content_dir


@pytest.fixture(scope="module")
def course():
    return load_course(bundled_content_dir())


def test_at_least_110_items_and_four_per_topic(course):
    assert len(course.quiz_items) >= 110
    per_topic = Counter(item.topic for item in course.quiz_items)
    assert {topic: per_topic[topic] for topic in course.topic_ids if per_topic[topic] < 4} == {}


FIRST_EDITION_IDS = [
    "analytic-hard-not-a-reason", "analytic-hard-many-dimensions", "analytic-hard-non-convex",
    "analytic-hard-saddle", "analytic-hard-so-iterate", "gd-idea-foggy-mountain",
    "gd-idea-negative-gradient", "gd-idea-name", "update-rule-which",
    "update-rule-positive-gradient", "update-rule-square-one-step", "update-rule-mse-step-w",
    "update-rule-mse-step-b", "learning-rate-name", "learning-rate-hyperparameter",
    "learning-rate-too-large", "learning-rate-too-small", "learning-rate-max-stable",
    "learning-rate-diverging-run", "mse-gradient-db-formula", "mse-gradient-why-x",
    "mse-gradient-dw-value", "mse-gradient-db-value", "own-pace-classmate-faster",
    "own-pace-lecture-is-reference", "find-gaps-after-lecture", "find-gaps-mark-and-follow-up",
    "condition-exhausted-today", "condition-why-not-overdo", "long-view-ten-months",
    "long-view-not-buried", "nobody-100-not-everything", "nobody-100-projects-possible",
    "nobody-100-hard-week", "focus-selection-and-focus", "focus-not-waiting", "feedback-why",
    "feedback-too-hard-speak-up", "parametric-which-models", "parametric-not-every-model",
    "parametric-what-is-learned", "loss-purpose-direction", "loss-purpose-bigger-is-not-better",
    "notation-what-we-change", "notation-x-is-given", "notation-target-vs-prediction",
    "notation-predict-one", "error-vs-loss", "error-why-square", "error-mse-one-big-miss",
    "error-mae-one-big-miss", "error-mse-name", "loss-zero-meaning", "loss-zero-equation",
    "loss-zero-no-cancelling", "find-zero-how", "find-zero-operation", "find-zero-least-squares-w",
    "local-global-descend-right", "local-global-descend-left", "local-global-which-kind",
    "local-global-no-guarantee", "saddle-name", "saddle-x2-minus-y2", "saddle-hessian-eigenvalue",
    "saddle-zero-gradient-not-enough", "convex-linear-regression", "convex-local-is-global",
    "convex-hessian-eigenvalue", "convex-any-learning-rate", "stopping-criterion",
    "stopping-loss-zero", "stopping-max-steps", "stochastic-full-vs-mini", "stochastic-noisy-path",
    "stochastic-why-mini-batches", "stochastic-minibatch-name",
]
"""Every item id the first edition shipped: scripts and learners' history rely on them."""


def test_every_first_edition_item_id_is_kept(course):
    assert len(FIRST_EDITION_IDS) == 77
    assert [i for i in FIRST_EDITION_IDS if course.quiz_item(i) is None] == []


def test_every_choice_has_a_stable_id_and_the_key_is_one_of_them(course):
    for item in course.quiz_items:
        if item.type != "choice":
            continue
        assert len(item.choice_ids) == len(item.choices) >= 3, item.id
        assert len(set(item.choice_ids)) == len(item.choice_ids), item.id
        assert item.answer_id in item.choice_ids, item.id
        assert check_quiz_answer(item, item.answer_id).outcome == "correct", item.id


CURVES = {
    "learning-rate-read-curve-converging": ([2, 0, 0], 1, 0.1, 0, ["2", "0.72", "0.2592", "0.0933", "0.0336"]),
    "learning-rate-read-curve-oscillating": (
        [1, 0, -4, 1, 0], -2, 0.12, 4, ["-5.22", "-5.05", "-5.19", "-4.99", "-5.17", "-4.96"]
    ),
}
"""Items that print a loss curve: (coefficients, start, rate, first step shown, losses printed)."""


def test_every_printed_loss_curve_comes_from_the_engine(course):
    for item_id, (coeffs, x0, lr, first, printed) in CURVES.items():
        item = course.quiz_item(item_id)
        for offset, shown in enumerate(printed):
            step = first + offset
            x = compute("descend_poly", {"coeffs": coeffs, "x0": x0, "lr": lr, "steps": step})
            loss = compute("poly", {"coeffs": coeffs, "x": x})
            assert within_printed_precision(loss, shown), (item_id, step, loss, shown)
            assert shown in item.prompt.en and shown in item.prompt.ko, (item_id, shown)


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
