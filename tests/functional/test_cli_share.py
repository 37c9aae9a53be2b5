"""``studytrack share`` and ``studytrack cohort report`` end to end: asking before writing, the
notes only on request, one JSON document with --json, bad files skipped with one line each, and
the HTML page in both languages."""

import json

import pytest
from click.testing import CliRunner
from share_learners import HOSTILE_NOTE, NOW, class_of_learners, seed_learner

import studytrack.cli.share
from studytrack.cli import cli
from studytrack.clock import fixed_clock
from studytrack.domain.share.format import check_share

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shares(tmp_path_factory):
    """Four learners' share files (with notes) in one folder."""
    folder = tmp_path_factory.mktemp("class")
    class_of_learners(folder)
    return folder


@pytest.fixture
def learner(db_path):
    """A learner with a wrong first try, a summed MSE, a flag with a note, and a rating."""
    return seed_learner(db_path, quiz={"gd-idea-foggy-mountain": "c"}, exercises=(("mse-by-hand", 5, "loss=21.75"),),
                        flags=(("loss.zero", "notation", "what is ŷ?", None),), ratings={"loss-function": "too_hard"})


def test_without_a_terminal_or_yes_nothing_is_written(run_cli, learner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("share")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--yes" in result.stderr
    assert not list(tmp_path.glob("studytrack-share-*.json"))


def answering(db_path, answer: str, *args: str):
    """``studytrack share ARGS`` as if on a terminal, the learner typing ``answer``."""
    return CliRunner().invoke(cli, ["--db", str(db_path), "--lang", "en", "share", *args], input=answer,
                              obj={"clock": fixed_clock(NOW)})


def test_on_a_terminal_it_shows_the_summary_and_asks(learner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(studytrack.cli.share, "on_terminal", lambda: True)
    declined = answering(learner, "n\n", "--out", "mine.json")
    assert declined.exit_code == 0 and not (tmp_path / "mine.json").exists()
    assert "gd-idea-foggy-mountain: incorrect (picked: follow-gradient)" in declined.stdout
    assert "mse-by-hand: incorrect 1; mistakes named: sum 1" in declined.stdout
    assert "what is ŷ?" not in declined.stdout and "--with-notes" in declined.stdout
    accepted = answering(learner, "y\n", "--out", "mine.json", "--with-notes")
    assert accepted.exit_code == 0 and "what is ŷ?" in accepted.stdout
    document = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    check_share(document)
    assert document["notes"][0]["text"] == "what is ŷ?"


def test_yes_writes_the_default_file_and_json_is_one_document(run_cli, learner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("share", "--yes", "--json")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    written = tmp_path / printed["path"]
    assert written.name == f"studytrack-share-{printed['share']['learner'][:8]}.json"
    assert json.loads(written.read_text(encoding="utf-8")) == printed["share"]
    assert printed["share"]["notes"] == [] and printed["share"]["lessons"] == {"loss-function": "too_hard"}
    again = json.loads(run_cli("share", "--yes", "--json").stdout)
    assert again["share"]["learner"] == printed["share"]["learner"]


def test_share_refuses_a_folder_as_the_file(run_cli, learner, tmp_path):
    result = run_cli("share", "--yes", "--out", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "--out" in result.stderr


def test_cohort_report_json_counts_learners_and_skips_bad_files_one_line_each(run_cli, shares, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "notes.json").write_text("not json", encoding="utf-8")
    (bad / "newer.json").write_text(json.dumps({"format": "studytrack-share", "format_version": 2}), encoding="utf-8")
    result = run_cli("cohort", "report", str(shares), str(bad), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["learners"] == 4 and document["skipped"] == 2
    assert sorted(line.split(":")[0] for line in result.stderr.splitlines()) == [
        f"skipped {bad / 'newer.json'}", f"skipped {bad / 'notes.json'}"]
    hardest = next(row for row in document["hardest_quiz"] if row["item"] == "gd-idea-foggy-mountain")
    assert (hardest["n"], hardest["correct"]) == (4, 1)
    assert hardest["wrong_choices"][0] == {"choice": "follow-gradient", "count": 2}
    assert document["exercises"][0]["mistakes"] == {"sum": 2}


@pytest.mark.parametrize(("lang", "heading"), [("en", "Hardest quiz items"), ("ko", "가장 어려운 퀴즈 문항")])
def test_cohort_report_html_in_both_languages(run_cli, shares, tmp_path, lang, heading):
    page = tmp_path / "report.html"
    result = run_cli("cohort", "report", str(shares), "--html", str(page), lang=lang)
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert heading in html and f'<html lang="{lang}">' in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html and HOSTILE_NOTE not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html


def test_cohort_report_without_files_says_what_to_give(run_cli):
    result = run_cli("cohort", "report")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_cohort_report_text_names_the_hardest_item(run_cli, shares):
    result = run_cli("cohort", "report", str(shares))
    assert result.exit_code == 0 and "learners: 4 ·" in result.stdout
    assert "gd-idea-foggy-mountain: 25%, n = 4" in result.stdout


def test_a_file_named_twice_is_read_once_not_taken_for_an_older_share(run_cli, shares):
    one = sorted(shares.glob("*.json"))[0]
    twice = run_cli("cohort", "report", str(one), str(one), "--json")
    assert twice.exit_code == 0 and twice.stderr == ""
    assert json.loads(twice.stdout)["learners"] == 1
    folder_and_file = run_cli("cohort", "report", str(shares), str(one), "--json")
    assert folder_and_file.stderr == "" and json.loads(folder_and_file.stdout)["learners"] == 4
