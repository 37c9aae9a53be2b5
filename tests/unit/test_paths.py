"""The learner's data folder read directly on Linux is the one platformdirs gives."""

import sys
from pathlib import Path

import platformdirs
import pytest

from studytrack import paths

ENVIRONMENTS = [
    {"HOME": "/home/learner"},
    {"HOME": "/home/learner/"},
    {"HOME": "/"},
    {"HOME": "/home/learner", "XDG_DATA_HOME": "/data/xdg"},
    {"HOME": "/home/learner", "XDG_DATA_HOME": "/data/xdg/"},
    {"HOME": "/home/learner", "XDG_DATA_HOME": "relative/xdg"},
    {"HOME": "/home/learner", "XDG_DATA_HOME": ""},
    {"HOME": "/home/학습자", "XDG_DATA_HOME": "/data/데이터"},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the direct XDG reading is for Linux only")
@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()))
def test_the_data_folder_is_the_one_platformdirs_gives(monkeypatch, environment):
    for name in ("HOME", "XDG_DATA_HOME", "ANDROID_DATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert paths._linux_data_home(dict(environment)) is not None  # the direct reading is what is compared
    assert paths.default_data_dir() == Path(platformdirs.user_data_dir("studytrack"))
    assert paths.default_db_path() == paths.default_data_dir() / "studytrack.db"


def test_a_relative_home_is_left_to_platformdirs():
    assert paths._linux_data_home({"HOME": "relative/home"}) is None
    assert paths._linux_data_home({"HOME": "/home/x", "ANDROID_DATA": "/data"}) is None
