"""Shared fixtures of the checker's own tests, and how the tiers of the suite run.

Tiers: the markers `realtime`, `harness` and `slow` are registered in pyproject.toml, whose addopts deselect
them, so the default `python -m pytest` is the fast tier; `-m realtime` (or `-m harness`, `-m slow`) runs a
slower one (README, "Tests in tiers"). The fast tier runs in pytest-xdist workers, three per core (as
`kata verify` runs its checks: most wait on virtual time, sleeps or child processes); a run that selects
real-time measurements or the Classroom harness runs in one process, one test at a time, the real-time
ones last: they need the machine alone, and the harness tests share one costly fixture.
"""

import compileall
import os
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


def pytest_sessionstart(session: pytest.Session) -> None:
    # Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every `kata` process and every check's child
    # would compile the checker again: about 0.1 s of CPU each, and this suite starts hundreds of them.
    if not hasattr(session.config, "workerinput"):  # once, in the main process
        compileall.compile_dir(REPO / "checker", quiet=1)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the xdist_group marks set here
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # The realtime tests last, when nothing else of this session runs beside them (a stable sort).
    items.sort(key=lambda item: bool(item.get_closest_marker("realtime")))
    # The tests that share a module- or session-scoped fixture run in one worker (--dist loadgroup), or each
    # worker would build it again (test_faults.py's checks all faults at once: three builds, 3x its CPU).
    for item in items:
        shared = shared_fixture(item)
        if shared is not None:
            item.add_marker(pytest.mark.xdist_group(shared))


def shared_fixture(item: pytest.Item) -> str | None:
    """A group name when the test uses one of this project's fixtures that outlive a test (module or session
    scope); plugins' fixtures (baseid "") cost nothing to build again."""
    info = getattr(item, "_fixtureinfo", None)
    for name in info.names_closure if info is not None else ():
        definitions = info.name2fixturedefs.get(name)
        if not definitions or definitions[-1].baseid == "":
            continue
        if definitions[-1].scope == "session":
            return f"session-{name}"
        if definitions[-1].scope in ("module", "package"):
            return f"module-{item.path.name}"
    return None


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
