"""Shared fixtures of the checker's own tests, and `kata verify` of the cases that may share the machine,
started in the background as soon as the tests are collected."""

import compileall
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BACKGROUND_MARK = "verify_in_background"


class BackgroundVerify:
    """`kata verify --only shared --json` of the katas whose tests carry the mark, in its own process group,
    beside the other tests: most of its checks wait on virtual time, sleeps or child processes. The cases that
    need the machine alone (real-time measurements) run in a test that calls wait() first."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.out, self.err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # its stdout and stderr
        self.cases: dict[str, list[dict]] | None = None

    def start(self, kata_ids: list[str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "checker", "verify", "--katas", ",".join(kata_ids),
                                      "--only", "shared", "--json"], cwd=REPO, env={**os.environ, "KATA_ROOT": str(REPO)},
                                     stdout=self.out, stderr=self.err, start_new_session=True)

    def wait(self) -> dict[str, list[dict]]:
        """Each kata's cases, as `kata verify --json` lists them (empty when nothing ran in the background)."""
        if self.proc is None:
            return {}
        if self.cases is None:
            self.proc.wait()
            self.out.seek(0), self.err.seek(0)
            output, errors = self.out.read().decode(), self.err.read().decode(errors="replace")
            try:
                cases = json.loads(output)["cases"]
            except (ValueError, KeyError):
                raise AssertionError(f"kata verify (exit {self.proc.returncode}) printed no JSON:\n"
                                     f"{output[-2000:]}\n{errors[-2000:]}") from None
            self.cases = {}
            for case in cases:
                self.cases.setdefault(case["kata"], []).append(case)
        return self.cases

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


BACKGROUND = BackgroundVerify()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every `kata` process and every check's child
    # would compile the checker again: about 0.1 s of CPU each, and this suite starts hundreds of them.
    compileall.compile_dir(REPO / "checker", quiet=1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{BACKGROUND_MARK}: the kata's `kata verify --only shared` runs in the "
                                       "background, beside the other tests (its `kata` parameter names it)")
    config.addinivalue_line("markers", "harness: runs an exported workflow through the offline Classroom harness (slow)")


def pytest_collection_finish(session: pytest.Session) -> None:
    ids = [item.callspec.params["kata"].id for item in session.items if item.get_closest_marker(BACKGROUND_MARK)]
    if ids and not session.config.option.collectonly:
        BACKGROUND.start(list(dict.fromkeys(ids)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    BACKGROUND.stop()


@pytest.fixture(scope="session")
def background_verify() -> BackgroundVerify:
    return BACKGROUND


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
