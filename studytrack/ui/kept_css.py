"""Textual's parsed stylesheets kept between runs, as Python keeps bytecode.

Textual parses every stylesheet the app uses (its own widgets' ``DEFAULT_CSS``, ``app.tcss``,
each screen's file) at every start: ~18 ms before Home's first frame, and again, all of it, the
first time a screen that brings its own file is opened (``Stylesheet.reparse`` starts from an
empty cache). ``KeptStylesheet`` is Textual's ``Stylesheet`` with each source's parsed rules kept
on disk (``kept_folder``: ``ui/__pycache__/tcss``, or under ``PYTHONPYCACHEPREFIX``): a file for
each source and theme, named by checksums of where the source was read from, its place in the
cascade, the theme's variables and which Textual and Python parse it, holding all of that and the
source's text beside the rules (a changed source is parsed again, and kept in place of its older
parse). A kept parse is read back with ``pickle`` (~0.2 ms a source: ~3 ms for Home's fourteen
instead of ~18 ms); a missing, damaged or foreign file only costs the parse, and nothing is
written when Python writes no bytecode. The folder is trusted as ``__pycache__`` is.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from studytrack.paths import beside_bytecode, write_whole

UI_DIR = Path(__file__).resolve().parent
"""The folder of the app's own stylesheets (``app.tcss``)."""


def kept_folder() -> Path:
    """Where parsed stylesheets are kept: where Python keeps the bytecode of this folder's modules
    (``sys.pycache_prefix`` honoured), in a folder of their own."""
    return beside_bytecode(UI_DIR, "tcss")


def _textual_stamp() -> tuple[str, int, int]:
    """Which Textual is installed: its package file, that file's size and modification time (an
    install or upgrade writes it anew). Asking for its version would read the package metadata
    (~90 ms)."""
    status = os.stat(textual.__file__)
    return textual.__file__, status.st_size, status.st_mtime_ns


_TEXTUAL = _textual_stamp()
"""This Textual: a parse kept by another one is never read (its classes may differ)."""


class KeptStylesheet(Stylesheet):
    """Textual's ``Stylesheet``, its parses kept in ``folder`` between runs."""

    def __init__(self, *, variables: dict[str, str] | None = None, folder: Path | None = None) -> None:
        """A stylesheet with ``variables`` (the theme's), keeping its parses in ``folder``
        (``kept_folder()`` when not given)."""
        super().__init__(variables=variables)
        self.folder = folder if folder is not None else kept_folder()
        """Where the parses are kept."""
        self._variables_text: tuple[dict[str, str], str] | None = None
        """The variables last written out for a key, and their text (Textual replaces the
        mapping when the theme changes, never changes it in place)."""

    def copy(self) -> KeptStylesheet:
        """A copy (same variables and sources) keeping its parses in the same folder, as
        Textual's ``copy``."""
        stylesheet = KeptStylesheet(variables=self._variables.copy(), folder=self.folder)
        stylesheet.source = self.source.copy()
        return stylesheet

    def reparse(self) -> None:
        """Parse every source again, as Textual's ``reparse`` (in a fresh stylesheet, so that an
        error leaves this one as it was), the fresh one reading this run's parses and the kept
        ones: parses made with the same variables (a change of theme clears this run's)."""
        stylesheet = KeptStylesheet(variables=self._variables, folder=self.folder)
        stylesheet._parse_cache = self._parse_cache
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(css, read_from=read_from, is_default_css=is_defaults,
                                  tie_breaker=tie_breaker, scope=scope)
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False

    def _parse_rules(self, css: str, read_from: CSSLocation, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        """The rules of one source: from this run's cache, else kept on disk, else parsed by
        Textual (and kept, when the parse found nothing wrong)."""
        memory_key = (css, read_from, is_default_rules, tie_breaker, scope)
        with suppress(KeyError):
            return self._parse_cache[memory_key]
        kept_key = self.kept_key(memory_key)
        kept = self.folder / f"{_name(kept_key[1:])}.{sys.implementation.cache_tag}.pickle"
        rules = _read_kept(kept, kept_key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not sys.dont_write_bytecode and not any(rule.errors for rule in rules):
                _write_kept(kept, kept_key, rules)
        self._parse_cache[memory_key] = rules
        return rules

    def kept_key(self, key: tuple[Any, ...]) -> tuple[str, ...]:
        """Everything a parse depends on, as text: the source's text, then its place in the
        cascade, which Textual parses it and the theme's variables (sorted: the same theme, the
        same text). The file is named for all but the text: a source that changes is kept in
        place of its older parse, one for each theme."""
        variables = self._variables
        if self._variables_text is None or self._variables_text[0] is not variables:
            self._variables_text = variables, repr(sorted(variables.items()))
        css, *place = key
        return css, repr((_TEXTUAL, place)), self._variables_text[1]


def _name(parts: tuple[str, ...]) -> str:
    """A file name for ``parts`` of a key: two checksums of them (the file holds the whole key,
    so two keys with one name only cost a parse)."""
    data = "\0".join(parts).encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _read_kept(path: Path, kept_key: tuple[str, ...]) -> list[RuleSet] | None:
    """The rules kept at ``path`` for ``kept_key``; None when there are none, they were kept for
    another key, or they can't be read as rules."""
    try:
        found_key, rules = pickle.loads(path.read_bytes())
    except Exception:  # missing, damaged, from classes that changed: parse instead
        return None
    if found_key == kept_key and isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules):
        return rules
    return None


def _write_kept(path: Path, kept_key: tuple[str, ...], rules: list[RuleSet]) -> None:
    """Keep ``rules`` for ``kept_key`` at ``path``, written whole (rules that can't be pickled
    are not kept)."""
    try:
        data = pickle.dumps((kept_key, rules), pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    write_whole(path, data)
