"""Shared fixtures of the checker's own tests, and how the tiers of the suite run.

Tiers: the markers `realtime`, `harness` and `slow` are registered in pyproject.toml, whose addopts deselect
them, so the default `python -m pytest` is the fast tier; `-m realtime` (or `-m harness`, `-m slow`) runs a
slower one (README, "Tests in tiers"). The fast tier runs in pytest-xdist workers, three per core (as
`kata verify` runs its checks: most wait on virtual time, sleeps or child processes); a run that selects
real-time measurements or the Classroom harness runs in one process, one test at a time, the real-time
ones last: they need the machine alone, and the harness tests share one costly fixture.
"""

import functools
import os
import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ALONE = ("realtime", "harness")  # the tiers that run in one process


class _Markers(dict):
    def __missing__(self, name: str) -> bool:
        return False


def selects(markexpr: str, marker: str) -> bool:
    """Whether a test that carries only `marker` is selected by `-m markexpr` (its grammar is Python's:
    and, or, not, names)."""
    if not markexpr.strip():
        return True
    try:
        return bool(eval(markexpr, {"__builtins__": {}}, _Markers({marker: True})))
    except Exception:  # a name Python does not allow: be safe, as if selected
        return marker in markexpr


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    if any(selects(config.getoption("markexpr") or "", marker) for marker in ALONE):
        return 0
    return 3 * (os.cpu_count() or 1)


def pytest_configure(config: pytest.Config) -> None:
    # The checks these tests run in their own process are forked from one warm server per worker, as
    # `kata verify` and `kata grade` do (checker/forkserver.py); `kata check` in a subprocess starts its child
    # directly: both ways are tested.
    from checker import forkserver

    forkserver.enable()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every `kata` process would compile the
    # checker again before its first check does it (checker/runner.py): about 0.1 s of CPU each, and this suite
    # starts hundreds of them.
    if not hasattr(session.config, "workerinput"):  # once, in the main process
        from checker.runner import compile_checker

        compile_checker()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The realtime tests last, when nothing else of this session runs beside them (a stable sort).
    items.sort(key=lambda item: bool(item.get_closest_marker("realtime")))


SHARED_FIXTURE = re.compile(r"@pytest\.fixture\(scope=\"(session|package|module)\"")


@functools.cache
def shares_a_fixture(module: Path) -> bool:
    """Whether a test module defines a fixture its tests share (a costly one: every fault graded, a class...)."""
    try:
        return SHARED_FIXTURE.search(module.read_text(encoding="utf-8")) is not None
    except OSError:
        return False


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadgroup`, as this project means it: each test goes to whichever worker is free, except that the
    tests of a module defining a shared fixture all go to one worker, so that it is built once in the run.

    (pytest-xdist's own loadgroup reads `xdist_group` marks through node ids that pytest 9.2 no longer lets
    plugins change: pytest-dev/pytest-xdist#1386. The fixtures are session-scoped: a worker runs other tests
    between a group's, and tears a module-scoped fixture down each time the next test is of another module.)"""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BySharedFixture(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if shares_a_fixture(config.rootpath / module) else nodeid

    return BySharedFixture(config, log)


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
