"""Every text item of the bundled quiz bank: what a learner would write is accepted, in both
languages; what is not the answer (the letter α for the learning rate, "batch" for a
mini-batch, a neighbouring term) is rejected."""

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer, normalize_quiz_text
from studytrack.paths import bundled_content_dir

TABLE = {
    "gd-idea-name": (
        ["gradient descent", "Gradient-Descent", "the gradient descent", "GD"],
        ["경사 하강법", "경사하강법입니다", "경사 하강법(gradient descent)", "경사 하강법이에요"],
        ["gradient ascent", "stochastic", "경사 상승법", "기울기", "descent"],
    ),
    "learning-rate-name": (
        ["learning rate", "the learning rate", "Learning-rate", "learning rate (α)", "step size"],
        ["학습률", "학습률이에요", "학습률(learning rate)", "학습률(α)입니다", "러닝 레이트"],
        ["alpha", "α", "알파", "the alpha", "gradient", "기울기", "step", "hyper-parameter"],
    ),
    "parametric-what-is-learned": (
        ["parameters", "the parameters", "Parameter", "weights and bias"],
        ["파라미터", "파라미터요", "파라미터(parameter)", "가중치와 편향이에요"],
        ["hyperparameters", "hyper-parameters", "하이퍼파라미터", "data", "x and y", "입력"],
    ),
    "error-mse-name": (
        ["mean squared error", "Mean-Squared-Error", "mean squared error (MSE)", "the MSE"],
        ["평균제곱오차", "평균제곱오차(MSE)", "평균 제곱 오차입니다", "MSE요"],
        ["mean absolute error", "MAE", "평균절대오차", "RMSE", "squared error"],
    ),
    "loss-zero-equation": (
        ["y = ŷ", "ŷ = y", "y − ŷ = 0", "y-ŷ=0", "yᵢ = ŷᵢ", "y = y hat"],
        ["y = ŷ", "예측값 = 실제값", "예측값 = 실제값이에요", "ŷᵢ = yᵢ"],
        ["y = 0", "ŷ = 0", "y + ŷ = 0", "w = 0", "y ≠ ŷ", "실제값"],
    ),
    "find-zero-operation": (
        ["differentiation", "Differentiate", "take the derivative", "partial derivatives"],
        ["미분", "미분이요", "미분해요", "편미분(partial derivative)"],
        ["integration", "적분", "addition", "gradient descent", "경사 하강법"],
    ),
    "saddle-name": (
        ["saddle point", "a saddle point", "saddle-point", "Saddle"],
        ["안장점", "안장점이에요", "안장점(saddle point)", "안장점입니다"],
        ["minimum", "local minimum", "최솟값", "지역 최솟값", "peak", "꼭대기"],
    ),
    "stochastic-minibatch-name": (
        ["mini-batch", "a mini-batch", "Mini Batch", "minibatch"],
        ["미니배치", "미니배치요", "미니배치(mini-batch)", "미니 배치입니다"],
        ["batch", "배치", "full batch", "the batch", "epoch", "에폭", "sample", "샘플"],
    ),
}


@pytest.fixture(scope="module")
def items():
    return {i.id: i for i in load_course(bundled_content_dir()).quiz_items if i.type == "text"}


def test_the_table_covers_every_text_item(items):
    assert set(TABLE) == set(items)


@pytest.mark.parametrize(("item_id", "lang", "answer"), [
    (item_id, lang, answer)
    for item_id, (en, ko, _) in TABLE.items()
    for lang, answers in (("en", en), ("ko", ko))
    for answer in answers
])
def test_what_a_learner_would_write_is_accepted(items, item_id, lang, answer):
    assert check_quiz_answer(items[item_id], answer).outcome == "correct", (lang, answer)


@pytest.mark.parametrize(("item_id", "answer"), [
    (item_id, answer) for item_id, (_, _, rejected) in TABLE.items() for answer in rejected
])
def test_what_is_not_the_answer_is_rejected(items, item_id, answer):
    assert check_quiz_answer(items[item_id], answer).outcome == "incorrect", answer


@pytest.mark.parametrize(("raw", "plain"), [
    ("the Learning-Rate", "learningrate"), ("a mini-batch", "minibatch"),
    ("평균제곱오차(MSE)", "평균제곱오차"), ("mean squared error (MSE)", "meansquarederror"),
    ("경사 하강법입니다", "경사하강법"), ("파라미터요", "파라미터"), ("안장점이에요", "안장점"),
    ("y − ŷ = 0", "y-ŷ=0"), ("(MSE)", "mse"), ("theory", "theory"), ("an", "an"),
])
def test_normalization_ignores_glosses_articles_endings_and_word_hyphens(raw, plain):
    assert normalize_quiz_text(raw) == plain
