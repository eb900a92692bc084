"""Shared fixtures of the checker's own tests."""

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of this repository's katas and hidden suites in a temporary folder (its own .kata/)."""
    root = tmp_path / "course"
    for part in ("katas", "tests/katas", "solutions", "tests/mistakes"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture
def kata_env(course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KATA_ROOT", str(course))
    monkeypatch.setenv("KATA_LANG", "en")
    return course
