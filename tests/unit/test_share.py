"""Share files and the cohort report: what a share holds (and nothing more), the notes only on
request, the store's records, hostile files refused one by one, the class's aggregates, and the
HTML page escaping whatever a note holds."""

import json
import os
import re
import shutil
import threading
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import load_exercises
from studytrack.domain.share.cohort import FIRST_READ, cohort_report, share_paths
from studytrack.domain.share.format import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    ShareFormatError,
    check_share,
    parse_share,
)
from studytrack.domain.share.html import Labels, render_report
from studytrack.domain.share.summary import (
    CourseIdentity,
    ExerciseTry,
    FlagRecord,
    LearnerRecords,
    QuizTry,
    build_summary,
    course_identity,
)
from studytrack.paths import bundled_content_dir
from studytrack.store.journal import check_in, rate_lesson, set_goal
from studytrack.store.learner import Learner
from studytrack.store.settings import all_settings
from studytrack.store.share import cohort_id, first_quiz_tries, learner_records, share_document

COURSE = load_course(bundled_content_dir())
EXERCISES = load_exercises(COURSE.root, COURSE.topic_ids)
IDENTITY = CourseIdentity(COURSE.id, "0" * 64, "2")


def records(**changes) -> LearnerRecords:
    """One learner's records: a wrong first try on a choice item, an MSE summed instead of
    averaged (seed 5: 21.75 instead of 4.35), two flags with notes, two ratings."""
    base = dict(
        learner_id="a" * 32, shared_on=date(2026, 11, 28),
        ratings={"loss-function": "too_hard", "gradient-descent": "just_right"},
        mastery={"gd.idea": 0.25, "loss.zero": None},
        flags=[FlagRecord("loss.zero", "notation", True, "what is ŷ?", ""),
               FlagRecord("loss.zero", "notation", False, "", "the picture of the parabola"),
               FlagRecord("gd.idea", "intuition", True, "", "")],
        first_tries=[QuizTry("gd-idea-foggy-mountain", "incorrect", "c"),
                     QuizTry("gd-idea-negative-gradient", "correct", "true")],
        exercise_tries=[ExerciseTry("mse-by-hand", 5, "normal", {"loss": "21.75"}, "incorrect"),
                        ExerciseTry("mse-by-hand", 5, "normal", {"loss": "4.35"}, "correct")],
        study_days=3,
    )
    return LearnerRecords(**{**base, **changes})


def summary(**changes) -> dict:
    """The share document of ``records(**changes)``."""
    with_notes = changes.pop("with_notes", False)
    return build_summary(records(**changes), COURSE, IDENTITY, EXERCISES, with_notes=with_notes)


# ─── what a share file holds ───────────────────────────────────────────────────────


def test_a_share_holds_exactly_what_the_issue_allows():
    document = summary()
    check_share(document)
    assert document["format_version"] == FORMAT_VERSION
    assert document["course"] == {"id": COURSE.id, "fingerprint": "0" * 64, "version": "2"}
    assert document["lessons"] == {"gradient-descent": "just_right", "loss-function": "too_hard"}
    assert document["mastery"] == {"gd.idea": 0.25}
    assert document["flags"] == {"gd.idea": {"intuition": {"open": 1, "resolved": 0}},
                                 "loss.zero": {"notation": {"open": 1, "resolved": 1}}}
    assert document["quiz"] == {"gd-idea-foggy-mountain": "incorrect", "gd-idea-negative-gradient": "correct"}
    assert document["quiz_wrong_choice"] == {"gd-idea-foggy-mountain": "follow-gradient"}
    assert document["exercises"] == {"mse-by-hand": {"incorrect": 1, "correct": 1}}
    assert document["exercise_mistakes"] == {"mse-by-hand": {"sum": 1}}
    assert document["study_days"] == 3 and document["notes"] == []


def test_without_notes_no_learner_text_and_no_time_of_day_is_in_the_file():
    text = json.dumps(summary(), ensure_ascii=False)
    for private in ("what is ŷ?", "parabola", "21.75", "4.35"):
        assert private not in text
    assert not re.search(r"\d{2}:\d{2}", text)


def test_with_notes_the_flag_and_what_made_it_click_notes_come_along():
    notes = summary(with_notes=True)["notes"]
    assert notes == [
        {"topic": "loss.zero", "category": "notation", "kind": "flag", "text": "what is ŷ?"},
        {"topic": "loss.zero", "category": "notation", "kind": "clicked", "text": "the picture of the parabola"},
    ]


def test_the_course_fingerprint_depends_on_the_files_not_where_they_are(mini_course, tmp_path):
    first = course_identity(load_course(mini_course))
    copy = tmp_path / "elsewhere"
    shutil.copytree(mini_course, copy)
    assert course_identity(load_course(copy)).fingerprint == first.fingerprint
    lessons = sorted((copy / "lessons").glob("*.md"))
    lessons[0].write_text(lessons[0].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert course_identity(load_course(copy)).fingerprint != first.fingerprint


# ─── the store's records ────────────────────────────────────────────────────────────


def test_the_store_reads_first_tries_latest_ratings_and_keeps_the_id(db, now):
    learner = Learner(db, fixed_clock(now))
    rate_lesson(learner, "loss-function", "too_easy")
    rate_lesson(learner, "loss-function", "too_hard")
    set_goal(learner, "a job in ML by summer")
    check_in(learner, now.date(), "low")
    for outcome, answer in (("not_attempted", ""), ("incorrect", "d"), ("correct", "a")):
        db.execute("INSERT INTO quiz_attempts (item_id, topic_id, answer, outcome, created_at) VALUES (?, ?, ?, ?, ?)",
                   ["gd-idea-foggy-mountain", "gd.idea", answer, outcome, now.isoformat()])
    assert [(t.item_id, t.outcome, t.answer) for t in first_quiz_tries(db)] == [
        ("gd-idea-foggy-mountain", "incorrect", "d")]
    learner_id = cohort_id(db)
    assert re.fullmatch(r"[0-9a-f]{32}", learner_id) and cohort_id(db) == learner_id
    assert "cohort_id" not in all_settings(db)
    found = learner_records(db, COURSE, now, learner_id)
    assert found.ratings == {"loss-function": "too_hard"} and found.study_days == 1
    document = share_document(db, COURSE, now)
    check_share(document)
    assert document["learner"] == learner_id
    assert document["quiz_wrong_choice"] == {"gd-idea-foggy-mountain": "one-big-step"}
    text = json.dumps(document, ensure_ascii=False)
    assert "summer" not in text and "low" not in text


# ─── untrusted files ────────────────────────────────────────────────────────────────


def hostile(change) -> dict:
    """A valid document with ``change`` applied to it."""
    document = json.loads(json.dumps(summary(with_notes=True)))
    change(document)
    return document


BAD_DOCUMENTS = {
    "negative count": lambda d: d["exercises"]["mse-by-hand"].update(incorrect=-1),
    "absurd count": lambda d: d["exercises"]["mse-by-hand"].update(incorrect=10**12),
    "bool count": lambda d: d["flags"]["gd.idea"]["intuition"].update(open=True),
    "float count": lambda d: d["flags"]["gd.idea"]["intuition"].update(open=1.5),
    "mastery above 1": lambda d: d["mastery"].update({"gd.idea": 1.5}),
    "mastery NaN": lambda d: d["mastery"].update({"gd.idea": float("nan")}),
    "mastery huge int": lambda d: d["mastery"].update({"gd.idea": 10**400}),
    "markup id": lambda d: d["lessons"].update({"<b>x</b>": "too_hard"}),
    "unknown rating": lambda d: d["lessons"].update({"loss-function": "meh"}),
    "list as rating": lambda d: d["lessons"].update({"loss-function": ["too_hard"]}),
    "unknown category": lambda d: d["flags"]["gd.idea"].update(confused={"open": 1, "resolved": 0}),
    "wrong choice on a right answer": lambda d: d["quiz_wrong_choice"].update({"gd-idea-negative-gradient": "x"}),
    "note too long": lambda d: d["notes"][0].update(text="x" * 2001),
    "note not text": lambda d: d["notes"][0].update(text={"a": 1}),
    "extra key": lambda d: d.update(goal="a job in ML"),
    "missing key": lambda d: d.pop("study_days"),
    "learner not random hex": lambda d: d.update(learner="kim.minji@example.com"),
    "time of day": lambda d: d.update(shared_on="2026-11-28T09:30"),
    "outcome unknown": lambda d: d["exercises"]["mse-by-hand"].update(hacked=1),
}


@pytest.mark.parametrize("name", list(BAD_DOCUMENTS))
def test_a_bad_field_is_refused(name):
    with pytest.raises(ShareFormatError) as refused:
        check_share(hostile(BAD_DOCUMENTS[name]))
    assert refused.value.refusal.key == "bad_field"


@pytest.mark.parametrize(("data", "key"), [
    (b"not json {", "not_json"), (b"[" * 100_000, "not_json"), (b'{"a": 1}', "not_share"), (b"[]", "not_share"),
    (b'{"format": "studytrack-share", "format_version": 99}', "newer"),
    (b'{"format": "studytrack-share", "format_version": "1"}', "bad_field"),
    (b" " * (MAX_FILE_BYTES + 1), "too_big"),
])
def test_what_is_not_a_share_file_says_why(data, key):
    with pytest.raises(ShareFormatError) as refused:
        parse_share(data)
    assert refused.value.refusal.key == key
    assert refused.value.refusal.text("ko") and refused.value.refusal.text("en")


def write(folder: Path, name: str, document: dict, mtime: int | None = None) -> Path:
    """Write a share document as a file (with a modification time, when given)."""
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_the_report_skips_each_bad_file_with_one_reason_and_the_newest_share_wins(tmp_path):
    older = summary(learner_id="b" * 32, ratings={"loss-function": "too_hard"}, shared_on=date(2026, 11, 1))
    newer = summary(learner_id="b" * 32, ratings={"loss-function": "too_easy"}, shared_on=date(2026, 11, 20))
    other = summary(learner_id="c" * 32, ratings={"loss-function": "just_right"})
    foreign = json.loads(json.dumps(other))
    foreign["course"]["id"] = "another-course"
    write(tmp_path, "a-older.json", older)
    write(tmp_path, "b-newer.json", newer)
    write(tmp_path, "c-other.json", other)
    write(tmp_path, "d-foreign.json", foreign)
    (tmp_path / "e-huge.json").write_bytes(b" " * (MAX_FILE_BYTES + 10))
    (tmp_path / "f-broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "nested").mkdir()
    write(tmp_path / "nested", "g-newer-again.json", newer, mtime=1)  # same day, older file: skipped
    report, skipped = cohort_report(share_paths([tmp_path]), COURSE.id)
    assert report.learners == 2
    assert report.lessons == [{"lesson": "loss-function", "too_easy": 1, "just_right": 1, "too_hard": 0}]
    reasons = {Path(item.path).name: item.refusal.key for item in skipped}
    assert reasons == {"a-older.json": "repeated", "d-foreign.json": "other_course", "e-huge.json": "too_big",
                       "f-broken.json": "not_json", "g-newer-again.json": "repeated"}
    assert report.skipped == 5


def test_a_share_is_read_whole_from_a_pipe_that_delivers_it_in_parts_and_a_folder_is_unreadable(tmp_path):
    """The report reads a file until it ends (a pipe, as ``<(cat share.json)`` gives, may deliver
    it in parts), a share bigger than one read too, and names why a path can't be read."""
    text = json.dumps(summary(learner_id="d" * 32, ratings={"loss-function": "too_hard"}))
    padded = write(tmp_path, "padded.json", {})
    padded.write_text(text[:-1] + " " * (FIRST_READ + 10) + "}", encoding="utf-8")  # past the first read
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    def deliver_in_parts() -> None:
        with open(fifo, "w", encoding="utf-8") as pipe:
            for start in range(0, len(text), 100):
                pipe.write(text[start:start + 100])
                pipe.flush()
                time.sleep(0.002)

    writer = threading.Thread(target=deliver_in_parts, daemon=True)  # never left blocked on the pipe
    writer.start()
    try:
        report, skipped = cohort_report([fifo, tmp_path / "gone.json", tmp_path], COURSE.id)
    finally:
        writer.join(timeout=10)
    assert report.learners == 1 and report.lessons[0]["too_hard"] == 1
    assert [item.refusal.fields["reason"] for item in skipped] == ["No such file or directory", "Is a directory"]
    report, skipped = cohort_report([padded], COURSE.id)
    assert report.learners == 1 and not skipped


def test_a_newer_share_read_first_keeps_the_older_one_out(tmp_path):
    newer = summary(ratings={"loss-function": "too_easy"}, shared_on=date(2026, 11, 20))
    older = summary(ratings={"loss-function": "too_hard"}, shared_on=date(2026, 11, 1))
    report, skipped = cohort_report([write(tmp_path, "1.json", newer), write(tmp_path, "2.json", older)], COURSE.id)
    assert report.learners == 1 and report.lessons[0]["too_easy"] == 1 and report.lessons[0]["too_hard"] == 0
    assert [Path(item.path).name for item in skipped] == ["2.json"]


def document_paths(value, path=()):
    """Every path (a tuple of keys and list indexes) into a JSON ``value``, the value's own first."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from document_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from document_paths(inner, (*path, index))


VALID = json.loads(json.dumps(summary(with_notes=True)))
"""A share document with every table filled, notes included: what the hostile ones are made from."""

PATHS = list(document_paths(VALID))

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.floats()
    | st.sampled_from([-1, 10**12, 1.5, "", "<script>alert(1)</script>", "correct", "too_hard", "a\nb", [], {}])
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
"""Any JSON value, with the ones a share file's checks are about (negative and absurd counts,
markup, known words in the wrong place) made likely."""


@st.composite
def hostile_documents(draw) -> dict:
    """A valid share document with one to three places replaced, added to, or removed."""
    document = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        if not path:
            return draw(JSON_VALUES)
        parent = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "add", "remove"]))
            if action == "add" and isinstance(parent, dict):
                parent[draw(st.text(max_size=8))] = draw(JSON_VALUES)
            elif action == "remove" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):  # an earlier change took this place away
            continue
    return document


@settings(max_examples=150, deadline=None)
@given(document=hostile_documents())
def test_any_hostile_document_is_read_or_refused_with_one_reason(tmp_path_factory, document):
    """Nothing but ``ShareFormatError`` ever comes out of the checks, and the report over a hostile
    file and a good one never fails: the hostile file is counted or skipped with one line."""
    try:
        check_share(document)
    except ShareFormatError as error:
        assert "\n" not in error.refusal.text("en") and "\n" not in error.refusal.text("ko")
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "1-hostile.json").write_text(json.dumps(document), encoding="utf-8")
    write(folder, "2-good.json", summary(learner_id="f" * 32))
    report, skipped = cohort_report(share_paths([folder]), COURSE.id)
    report.to_json()
    assert report.learners + len(skipped) in (2, 3)  # a counted hostile file with the good one's id replaces it
    for item in skipped:
        assert "\n" not in item.refusal.text("en") and "\n" not in item.refusal.text("ko")


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300) | JSON_VALUES.map(lambda value: json.dumps(value).encode()))
def test_any_bytes_are_parsed_or_refused_with_one_reason(data):
    try:
        parse_share(data)
    except ShareFormatError as error:
        assert error.refusal.text("en") and error.refusal.text("ko")


# ─── the class's aggregates ─────────────────────────────────────────────────────────


def test_the_cohort_aggregates(tmp_path):
    shares = [
        summary(learner_id="1" * 32, mastery={"gd.idea": 0.2}, with_notes=True),
        summary(learner_id="2" * 32, mastery={"gd.idea": 0.6},
                first_tries=[QuizTry("gd-idea-foggy-mountain", "incorrect", "c")],
                exercise_tries=[ExerciseTry("mse-by-hand", 5, "normal", {"loss": "21.75"}, "incorrect")]),
        summary(learner_id="3" * 32, mastery={"gd.idea": 1.0},
                first_tries=[QuizTry("gd-idea-foggy-mountain", "incorrect", "b")], exercise_tries=[], flags=[]),
    ]
    paths = [write(tmp_path, f"{index}.json", share) for index, share in enumerate(shares)]
    report, skipped = cohort_report(paths, COURSE.id, [lesson.id for lesson in COURSE.lessons], COURSE.topic_ids)
    assert not skipped
    document = report.to_json()
    assert document["learners"] == 3
    hardest = document["hardest_quiz"][0]
    assert (hardest["item"], hardest["n"], hardest["correct"], hardest["rate"]) == ("gd-idea-foggy-mountain", 3, 0, 0)
    assert hardest["wrong_choices"] == [{"choice": "follow-gradient", "count": 2},
                                        {"choice": "survey-first", "count": 1}]
    assert document["exercises"] == [{"exercise": "mse-by-hand", "learners": 2, "solved": 1, "solve_rate": 0.5,
                                      "outcomes": {"incorrect": 2, "correct": 1}, "mistakes": {"sum": 2}}]
    notation = document["flagged_topics"]["notation"]
    assert notation == [{"topic": "loss.zero", "open": 2, "resolved": 2, "learners": 2, "notes": [
        {"kind": "flag", "text": "what is ŷ?"}, {"kind": "clicked", "text": "the picture of the parabola"}]}]
    assert document["mastery"] == [{"topic": "gd.idea", "learners": 3, "median": 0.6, "q1": 0.4, "q3": 0.8,
                                    "min": 0.2, "max": 1.0}]
    assert [row["lesson"] for row in document["lessons"]] == ["loss-function", "gradient-descent"]


def test_an_empty_class_still_makes_a_page():
    report, _ = cohort_report([], COURSE.id)
    page = render_report(report, Labels(COURSE, "ko"))
    assert report.to_json()["learners"] == 0 and 'id="mastery"' in page and "<script" not in page


# ─── the page escapes what a note holds ─────────────────────────────────────────────


class PageParts(HTMLParser):
    """Every tag, attribute name and text of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "ul", "li",
             "b", "section", "div", "span", "svg", "desc", "text", "rect", "line", "table", "thead", "tbody", "tr",
             "th", "td", "code", "br", "footer"}
"""Every element the report is made of: nothing a note could add."""

HOSTILE = st.text(alphabet=st.sampled_from(list("<>&\"'/=;:() scriptonerrorimgsvgSCRIPTjavascript\\`{}\u2028ŷ한")),
                  min_size=1, max_size=120).filter(lambda text: text.strip())


@settings(max_examples=60, deadline=None)
@given(note=HOSTILE, clicked=st.sampled_from(["<script>alert(1)</script>", "</li></ul><script>x()</script>",
                                              "<img src=x onerror=alert(1)>", "]]><svg onload=alert(1)>"]))
def test_any_note_is_shown_as_text_never_as_markup(tmp_path_factory, note, clicked):
    folder = tmp_path_factory.mktemp("notes")
    flags = [FlagRecord("loss.zero", "notation", False, note, clicked)]
    report, _ = cohort_report([write(folder, "1.json", summary(flags=flags, with_notes=True))], COURSE.id)
    page = render_report(report, Labels(COURSE, "en"))
    parts = PageParts()
    parts.feed(page)
    assert parts.tags <= PAGE_TAGS
    assert not {name for name in parts.attributes if name.startswith("on")}
    text = "".join(parts.text)
    assert note.strip() in text and clicked in text


# ─── the JSON Schema in the repository describes the same format ───────────────────

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "share-format.schema.json").read_text())


def schema_errors(value, schema: dict, where: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (the JSON Schema keywords the share schema uses)."""
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float)}
    kind = schema.get("type")
    if kind and (not isinstance(value, types[kind]) or isinstance(value, bool)):
        return [f"{where}: not {kind}"]
    errors = []
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: not one of {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: does not match")
    for key, test in (("minimum", lambda: value < schema["minimum"]), ("maximum", lambda: value > schema["maximum"]),
                      ("maxLength", lambda: len(value) > schema["maxLength"]),
                      ("minLength", lambda: len(value) < schema["minLength"]),
                      ("maxItems", lambda: len(value) > schema["maxItems"]),
                      ("maxProperties", lambda: len(value) > schema["maxProperties"])):
        if key in schema and test():
            errors.append(f"{where}: breaks {key}")
    if isinstance(value, dict):
        errors += [f"{where}: no {key}" for key in schema.get("required", []) if key not in value]
        for key, item in value.items():
            if "propertyNames" in schema:
                errors += schema_errors(key, schema["propertyNames"], f"{where}.<{key}>")
            if key in schema.get("properties", {}):
                errors += schema_errors(item, schema["properties"][key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{where}[{index}]")
    return errors


def test_the_schema_accepts_what_share_writes():
    assert schema_errors(summary(with_notes=True), SCHEMA) == []
    assert SCHEMA["properties"]["format_version"]["const"] == FORMAT_VERSION


@pytest.mark.parametrize("name", [name for name in BAD_DOCUMENTS
                                  if name not in ("mastery NaN", "mastery huge int", "wrong choice on a right answer")])
def test_the_schema_refuses_what_the_reader_refuses(name):
    assert schema_errors(hostile(BAD_DOCUMENTS[name]), SCHEMA)
