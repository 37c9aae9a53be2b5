"""The codebase keeps its shape: lint, import contracts, types, and modules a newcomer can read."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "studytrack"

MAX_MODULE_LINES = 800
"""No module of the package is longer than this."""

MAX_SCREEN_LINES = 300
"""A screen module composes widgets; it stays short."""

MAX_FUNCTION_LINES = 60
"""A function longer than this needs a reason, listed in ``LONG_FUNCTIONS``."""

LONG_FUNCTIONS: dict[str, str] = {}
"""``module:function`` → why it is long."""

DOMAIN_LANG_FUNCTIONS: dict[str, str] = {
    "studytrack.domain.messages:Wording.text": "words a sentence when it is shown: the renderer itself",
    "studytrack.domain.messages:Message.text": "words a sentence when it is shown: the renderer itself",
    "studytrack.domain.messages:Joined.text": "words several sentences when they are shown: the renderer itself",
    "studytrack.domain.content.text:LocalText.get": "selects course text written in that language",
    "studytrack.domain.content.text:LocalText.text": "selects course text written in that language",
    "studytrack.domain.content.course:Lesson.markdown": "a whole lesson document from course text",
    "studytrack.domain.content.search:search": "searches the course text written in that language",
    "studytrack.domain.content.search:_topic_title": "selects a topic title from course text",
    "studytrack.domain.content.validate:key_is_longest": "measures course text written in that language",
    "studytrack.domain.content.figures:plot_figure": "selects a figure's title and legend from course text",
    "studytrack.domain.content.quiz:CorrectFeedback.text": "a Wording: words the sentence when it is shown",
    "studytrack.domain.content.quiz:QuizResult.to_json": "a whole document: the command line's JSON",
    "studytrack.domain.exercises.model:ExerciseInstance.prompt": "fills the course's prompt written in that language",
    "studytrack.domain.exercises.model:ExerciseInstance.to_json": "a whole document: the command line's JSON",
    "studytrack.domain.exercises.results:CheckResult.to_json": "a whole document: the command line's JSON",
    "studytrack.domain.exercises.model:solution_text": "a whole document: the course's worked solution",
    "studytrack.domain.exercises.model:_fill": "fills a course text written in that language",
    "studytrack.domain.share.html:Labels.__init__": "being converted",
    "studytrack.domain.share.html:mistake_label": "being converted",
    "studytrack.domain.share.html:_summary": "being converted",
    "studytrack.domain.share.html:_empty": "being converted",
    "studytrack.domain.share.preview:preview_lines": "being converted",
    "studytrack.domain.share.preview:_note_lines": "being converted",
}
"""``module:function`` of the domain that takes ``lang`` → why. Anything else returns ``Message``s
(``studytrack.domain.messages``) for the UI and the command line to word in the learner's language."""


def tool(name: str) -> str:
    """The path of a console script installed beside this interpreter (the test venv's)."""
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[dev]'")
    return on_path


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_and_every_deferred_import_says_why():
    """ruff's PLC0415 is on: an import inside a function needs ``# noqa: PLC0415`` and a reason."""
    result = run(tool("ruff"), "check", "--quiet", "studytrack", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, 1):
            if "noqa: PLC0415" not in line or line.split("noqa: PLC0415", 1)[1].strip(" -—:"):
                continue
            above = number - 2  # a comment may stand above a run of deferred imports
            while above >= 0 and ("noqa: PLC0415" in lines[above] or not lines[above].strip()):
                above -= 1
            assert above >= 0 and lines[above].strip().startswith("#"), (
                f"{path}:{number}: say what the deferred import saves"
            )


def test_the_import_contracts_hold():
    result = run(tool("lint-imports"))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_finds_no_error():
    """Strict for the engine, the domain, the store and the sandbox; the default level for the UI and CLI."""
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_no_module_is_too_long():
    too_long = []
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text().splitlines())
        limit = MAX_SCREEN_LINES if path.parent.name == "screens" else MAX_MODULE_LINES
        if lines > limit:
            too_long.append(f"{path.relative_to(REPO)}: {lines} > {limit}")
    assert not too_long, too_long


def test_functions_stay_short_or_say_why():
    too_long = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES and f"{module}:{node.name}" not in LONG_FUNCTIONS:
                    too_long.append(f"{module}:{node.name} ({length} lines)")
    assert not too_long, too_long


def test_every_module_says_what_it_is_on_its_first_line():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        assert ast.get_docstring(tree), f"{path.relative_to(REPO)} has no module docstring"


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function of ``tree`` with its qualified name (``Class.method``)."""
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((prefix + node.name, node))
            found += _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            found += _functions(node, f"{prefix}{node.name}.")
    return found


def test_the_domain_takes_a_language_only_to_select_content_or_render_a_document():
    """The domain returns message keys with fields; only content selection and whole-document
    renderers take ``lang`` (``DOMAIN_LANG_FUNCTIONS``, each with its reason)."""
    taking_lang = set()
    for path in (PACKAGE / "domain").rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        for name, node in _functions(ast.parse(path.read_text())):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            if any(argument.arg == "lang" for argument in arguments):
                taking_lang.add(f"{module}:{name}")
    assert sorted(taking_lang - set(DOMAIN_LANG_FUNCTIONS)) == [], "return Messages instead, or list them with why"
    assert sorted(set(DOMAIN_LANG_FUNCTIONS) - taking_lang) == [], "no longer take lang: drop them from the list"
