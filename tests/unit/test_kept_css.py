"""Parsed stylesheets kept between runs (``studytrack/ui/kept_css.py``): a kept parse gives exactly
the rules Textual's parser gives, for every stylesheet the app uses and for each theme; a second
start reads them without parsing; a changed source, another theme, a damaged file, another key
behind the same name or a Python that writes no bytecode never gives stale or wrong rules."""

import importlib
import pickle
import pkgutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.layout import Layout
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static

import studytrack.ui
from studytrack.ui import kept_css
from studytrack.ui.kept_css import UI_DIR, KeptStylesheet

THEMES = ("textual-dark", "textual-light")


def theme_variables(theme: str) -> dict[str, str]:
    """The CSS variables of ``theme``, as the app gives them to its stylesheet."""
    app = App()
    app.theme = theme
    return app.get_css_variables()


Source = tuple[str, tuple[str, str], bool, int, str]
"""A stylesheet as Textual adds it: text, where it was read from, whether it is default CSS, its
tie breaker and its scope."""


def app_sources() -> list[Source]:
    """The app's own stylesheets and the default CSS of the widgets it shows (each class and its
    bases, as Textual's ``_get_default_css`` gives them), each once."""
    sources: dict[tuple[str, str], Source] = {}
    for path in sorted([UI_DIR / "app.tcss", *UI_DIR.glob("screens/*.tcss")]):
        sources[(str(path), "")] = (path.read_text(encoding="utf-8"), (str(path), ""), False, 0, "")
    for module in pkgutil.walk_packages(studytrack.ui.__path__, "studytrack.ui."):
        importlib.import_module(module.name)  # every widget of every screen, defined

    classes = {App, Screen, Widget, Static, Header, Footer, Input, Markdown, OptionList}
    classes |= {widget for widget in all_subclasses(Widget) if widget.__module__.startswith("studytrack")}
    for widget in sorted(classes, key=lambda cls: cls.__qualname__):
        as_instance = SimpleNamespace(_node_bases=widget._css_bases(widget))  # all the method asks of one
        for read_from, css, tie_breaker, scope in widget._get_default_css(as_instance):
            sources.setdefault(read_from, (css, read_from, True, tie_breaker, scope))
    return list(sources.values())


def all_subclasses(cls: type) -> set[type]:
    """Every class derived from ``cls``, however deep."""
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= all_subclasses(sub)
    return found


def described(rules: list[RuleSet]) -> list[tuple]:
    """What a list of rules says, compared as values (a layout by its kind: Textual makes a new
    one for every rule that names it)."""
    return [(rule.selectors, [selector.specificity for selector in rule.selector_set],
             sorted(rule.selector_names), sorted(rule.pseudo_classes), rule.is_default_rules, rule.tie_breaker,
             rule.errors, rule.styles.important,
             {name: type(value).__name__ if isinstance(value, Layout) else value
              for name, value in rule.styles._rules.items()})
            for rule in rules]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A kept folder of the test's own, bytecode (and so kept parses) written."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / "tcss"


@pytest.mark.parametrize("theme", THEMES)
def test_a_kept_parse_is_the_parse(theme, folder, parses):
    variables = theme_variables(theme)
    sources = app_sources()
    assert len(sources) > 30
    writing = KeptStylesheet(variables=variables, folder=folder)
    reading = KeptStylesheet(variables=variables, folder=folder)
    for source in sources:
        textual_rules = Stylesheet(variables=variables)._parse_rules(*source)
        kept_first = writing._parse_rules(*source)
        asked = len(parses)
        kept_again = reading._parse_rules(*source)
        assert len(parses) == asked, f"{source[1]} was parsed again"
        assert described(kept_again) == described(kept_first) == described(textual_rules), source[1]
    assert len(list(folder.iterdir())) == len(sources)


def test_a_second_start_parses_nothing_and_draws_the_same(folder, parses):
    """A whole stylesheet, as an app parses it: the second one reads every source kept by the
    first, and the rules it gives (in order) are the first's."""
    variables = theme_variables("textual-dark")
    stylesheets = []
    for _ in range(2):
        stylesheet = KeptStylesheet(variables=variables, folder=folder)
        for css, read_from, is_default, tie_breaker, scope in app_sources():
            stylesheet.add_source(css, read_from, is_default, tie_breaker, scope)
        stylesheet.parse()
        stylesheets.append(stylesheet)
    first, second = stylesheets
    assert len(parses) == len(first.source) and parses
    assert described(second.rules) == described(first.rules)


def test_another_theme_or_a_changed_source_is_parsed_again_and_kept_beside(folder, parses):
    css = "Static { color: $foreground; }"
    dark = KeptStylesheet(variables=theme_variables("textual-dark"), folder=folder)
    light = KeptStylesheet(variables=theme_variables("textual-light"), folder=folder)
    dark_rules = dark._parse_rules(css, ("a.tcss", ""))
    light_rules = light._parse_rules(css, ("a.tcss", ""))
    assert dark_rules[0].styles.color != light_rules[0].styles.color
    assert len(parses) == 2 and len(list(folder.iterdir())) == 2
    changed = KeptStylesheet(variables=theme_variables("textual-dark"), folder=folder)
    changed_rules = changed._parse_rules("Static { color: $error; }", ("a.tcss", ""))
    assert changed_rules[0].styles.color != dark_rules[0].styles.color
    assert len(parses) == 3 and len(list(folder.iterdir())) == 2  # in place of its older parse
    again = KeptStylesheet(variables=theme_variables("textual-light"), folder=folder)
    assert described(again._parse_rules(css, ("a.tcss", ""))) == described(light_rules)
    assert len(parses) == 3


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "not rules", "another key"])
def test_a_damaged_or_foreign_kept_file_costs_only_a_parse(damage, folder, parses):
    variables = theme_variables("textual-dark")
    css, place = "Static { height: 3; }", ("a.tcss", "")
    expected = described(KeptStylesheet(variables=variables, folder=folder)._parse_rules(css, place))
    (kept,) = folder.iterdir()
    data = kept.read_bytes()
    kept.write_bytes({
        "empty": b"",
        "garbage": b"\x80\x05not a pickle at all",
        "truncated": data[: len(data) // 2],
        "not rules": pickle.dumps((KeptStylesheet(variables=variables).kept_key((css, place, False, 0, "")),
                                   ["not", "rules"])),
        "another key": pickle.dumps((("Static { height: 9; }", "?", "?"), pickle.loads(data)[1])),
    }[damage])
    rules = KeptStylesheet(variables=variables, folder=folder)._parse_rules(css, place)
    assert described(rules) == expected
    assert len(parses) == 2
    assert described(KeptStylesheet(variables=variables, folder=folder)._parse_rules(css, place)) == expected
    assert len(parses) == 2  # the parse was kept again, whole


def test_nothing_is_kept_when_python_writes_no_bytecode(folder, parses, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    stylesheet = KeptStylesheet(variables=theme_variables("textual-dark"), folder=folder)
    stylesheet._parse_rules("Static { height: 3; }", ("a.tcss", ""))
    assert not folder.exists()


def test_rules_with_errors_are_not_kept(folder):
    stylesheet = KeptStylesheet(variables=theme_variables("textual-dark"), folder=folder)
    rules = stylesheet._parse_rules("Static { height: banana; }", ("a.tcss", ""))
    assert any(rule.errors for rule in rules)
    assert not folder.exists()


def test_an_unwritable_folder_is_passed_by(tmp_path, monkeypatch, parses):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    stylesheet = KeptStylesheet(variables=theme_variables("textual-dark"), folder=blocker / "tcss")
    rules = stylesheet._parse_rules("Static { height: 3; }", ("a.tcss", ""))
    assert rules[0].styles.height is not None
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file"]


def test_reparse_and_copy_keep_parses_as_textual_does(folder, parses):
    """A screen with its own stylesheet makes Textual parse every source again (``reparse``), in
    a fresh stylesheet: here that one reads the kept parses too, and ends as Textual's would."""
    variables = theme_variables("textual-dark")
    kept, textual = KeptStylesheet(variables=variables, folder=folder), Stylesheet(variables=variables)
    for stylesheet in (kept, textual):
        stylesheet.add_source("Screen { height: 10; }", ("a.tcss", ""))
        stylesheet.parse()
        stylesheet.add_source("Static { width: 4; }", ("b.tcss", ""))
        stylesheet.reparse()
    assert described(kept.rules) == described(textual.rules) and kept.source == textual.source
    copied = kept.copy()
    assert isinstance(copied, KeptStylesheet) and copied.folder == folder and copied.source == kept.source
    copied.parse()
    assert described(copied.rules) == described(kept.rules)
    assert parses.count(("b.tcss", "")) == 2  # once by Textual's stylesheet, once kept


def test_the_folder_is_where_python_keeps_this_folders_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "pycache_prefix", None)
    assert kept_css.kept_folder() == UI_DIR / "__pycache__" / "tcss"
    monkeypatch.setattr(sys, "pycache_prefix", "/tmp/prefix")
    assert kept_css.kept_folder() == Path("/tmp/prefix", *UI_DIR.parts[1:], "tcss")
