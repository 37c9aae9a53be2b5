"""Every learner-facing text exists in English and Korean with the same placeholders."""

import importlib
import pkgutil
import re
import string

import studytrack
from studytrack.i18n import CATALOGS

HANGUL = re.compile(r"[가-힣]")


def load_every_module():
    for module in pkgutil.walk_packages(studytrack.__path__, "studytrack."):
        importlib.import_module(module.name)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalog_entry_has_both_languages_and_the_same_fields():
    load_every_module()
    assert len(CATALOGS) >= 5
    for catalog in CATALOGS:
        for key, texts in catalog.entries.items():
            where = f"{catalog.name}:{key}"
            assert texts.get("en", "").strip(), f"{where} has no English"
            assert texts.get("ko", "").strip(), f"{where} has no Korean"
            assert fields(texts["en"]) == fields(texts["ko"]), where
            assert HANGUL.search(texts["ko"]) or texts["ko"] == texts["en"], where
