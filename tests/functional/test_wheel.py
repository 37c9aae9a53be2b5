"""The course ships inside the wheel: an installed studytrack, run from elsewhere, finds it."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return next(out.glob("studytrack-*.whl"))


def test_the_wheel_holds_the_course_and_the_styles(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "studytrack/_content/course.toml" in names
    assert "studytrack/_content/lessons/loss-function.ko.md" in names
    assert "studytrack/ui/app.tcss" in names
    assert {"studytrack/locales/en.toml", "studytrack/locales/ko.toml"} <= names


def test_an_installed_wheel_run_from_another_folder_uses_its_bundled_course(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import studytrack.paths as s, studytrack.cli as c;"
        "assert s.__file__.startswith(sys.argv[1]), s.__file__;"
        "print(s.bundled_content_dir());"
        "c.cli.main(['--db', sys.argv[2], 'topics', '--json'], standalone_mode=False)"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, str(site), str(tmp_path / "t.db")],
        cwd=elsewhere, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line == str(site / "studytrack" / "_content")
    assert '"loss.zero"' in result.stdout
