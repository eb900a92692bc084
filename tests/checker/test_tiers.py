"""The tiers of the project's own tests, and the plugins a check loads only for the suites that use them."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.catalog import Catalog
from checker.child.plugins import plugin_args
from checker.runner import run_suite

REPO = Path(__file__).resolve().parents[2]
TIERS = {"realtime", "harness", "slow"}


def pytest_settings() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]


def default_selection() -> str:
    args = shlex.split(pytest_settings()["addopts"])
    return args[args.index("-m") + 1]


def test_the_tier_markers_are_registered_once_and_strictly():
    settings = pytest_settings()
    assert {line.split(":")[0] for line in settings["markers"]} == TIERS
    assert "--strict-markers" in shlex.split(settings["addopts"])  # a misspelt tier marker is an error


@pytest.mark.parametrize("markers, selected", [(set(), True), ({"realtime"}, False), ({"harness"}, False),
                                               ({"slow"}, False), ({"harness", "slow"}, False)])
def test_the_default_run_deselects_every_slower_tier(markers, selected):
    # -m's grammar (and, or, not, names) is Python's: a name is true when the test carries that marker
    expression = default_selection()
    assert eval(expression, {"__builtins__": {}}, {name: name in markers for name in TIERS}) is selected


def test_each_tier_has_its_command_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest\n" in readme
    for tier in TIERS:
        assert f".venv/bin/python -m pytest -m {tier}" in readme, tier


@pytest.mark.parametrize("source, loads", [
    ("def test_a(learner):\n    pass\n", False),
    ("import asyncio\n\ndef test_a(learner):\n    asyncio.run(learner.main())\n", False),
    ("import pytest\n\n@pytest.mark.asyncio\nasync def test_a(learner):\n    pass\n", True),
    ("async def test_a(learner):\n    pass\n", True),
    ("import pytest_asyncio\n\n@pytest_asyncio.fixture\nasync def loop_thing():\n    yield 1\n", True),
])
def test_pytest_asyncio_is_loaded_only_for_suites_with_async_checks(tmp_path, source, loads):
    suite = tmp_path / "test_x.py"
    suite.write_text(source)
    assert ("pytest_asyncio.plugin" in plugin_args(suite)) is loads


def test_a_conftest_beside_the_suite_counts(tmp_path):
    (tmp_path / "test_x.py").write_text("def test_a(fixture_of_conftest):\n    pass\n")
    (tmp_path / "conftest.py").write_text("import pytest_asyncio\n")
    assert "pytest_asyncio.plugin" in plugin_args(tmp_path / "test_x.py")


def kata_with_suite(root: Path, suite: str):
    kata = root / "katas/91_plugins"
    kata.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (kata / "plugins.py").write_text("async def double(x):\n    return 2 * x\n")
    (kata / "kata.toml").write_text('id = "91"\nslug = "plugins"\nfile = "plugins.py"\npoints = 1\n'
                                    'timeout_s = 20\ncheck_timeout_s = 5\n[title]\nen = "P"\nfr = "P"\n')
    (root / "tests/katas/91_plugins").mkdir(parents=True)
    (root / "tests/katas/91_plugins/test_plugins.py").write_text(textwrap.dedent(suite))
    return Catalog(root).get("91")


def test_a_check_pays_nothing_for_pytest_asyncio_unless_its_suite_uses_it(tmp_path):
    kata = kata_with_suite(tmp_path, '''
        import sys

        def test_plain(learner):
            """plain"""
            assert "pytest_" "asyncio" not in sys.modules  # (the name written whole would load it)
            assert not any(name.startswith("pytest_timeout") for name in sys.modules)
    ''')
    report = run_suite(kata, kata.learner_file, "en")
    assert report.passed and [c.name for c in report.checks] == ["plain"], report.checks


def test_an_async_check_with_pytest_asyncio_markers_runs(tmp_path):
    kata = kata_with_suite(tmp_path, '''
        import asyncio

        import pytest
        import pytest_asyncio


        @pytest_asyncio.fixture
        async def factor():
            await asyncio.sleep(0)
            return 2


        @pytest.mark.asyncio
        async def test_awaited(learner, factor):
            """awaited"""
            assert await learner.double(21) == 21 * factor
            assert asyncio.get_running_loop() is not None


        @pytest.mark.asyncio
        async def test_fails(learner):
            """fails"""
            assert await learner.double(1) == 3
    ''')
    report = run_suite(kata, kata.learner_file, "en")
    assert [(c.name, c.status) for c in report.checks] == [("awaited", "passed"), ("fails", "failed")]


@pytest.mark.parametrize("markexpr, workers", [
    ("not realtime and not harness and not slow", 6),  # the fast tier: three per core
    ("slow", 6),
    ("realtime", 0),  # the machine alone: one process, one test at a time
    ("harness", 0),  # its tests share one costly fixture
    ("realtime or not realtime", 0),
    ("not harness", 0),  # selects realtime tests
])
def test_only_the_tiers_that_may_share_the_machine_run_in_workers(monkeypatch, markexpr, workers):
    from conftest import pytest_xdist_auto_num_workers  # tests/conftest.py, as pytest imported it

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    config = SimpleNamespace(getoption=lambda name: {"markexpr": markexpr}[name])
    assert pytest_xdist_auto_num_workers(config) == workers


COSTLY_MODULE = """
import os, pytest

@pytest.fixture(scope="session")
def costly():
    with open(os.environ["BUILDS"], "a") as log:
        log.write("built\\n")
    return 1

@pytest.mark.parametrize("n", range(8))
def test_uses_it(costly, n):
    pass
"""


def test_a_costly_fixture_is_built_once_though_workers_interleave_other_modules(tmp_path):
    # The run this repository's tests make: workers, --dist loadgroup, this conftest, other modules in between.
    shutil.copy(REPO / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_costly.py").write_text(COSTLY_MODULE)
    for name in "bcd":
        (tmp_path / f"test_{name}.py").write_text("import pytest\n@pytest.mark.parametrize('n', range(10))\n"
                                                 "def test_quick(n):\n    pass\n")
    builds = tmp_path / "builds.log"
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "3", "--dist", "loadgroup", "-p", "no:cacheprovider",
                          "-v", str(tmp_path)], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "BUILDS": str(builds)})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "38 passed" in run.stdout
    assert builds.read_text().count("built") == 1
    workers = {name: set(re.findall(rf"\[(gw\d+)\].*PASSED test_{name}", run.stdout)) for name in ("costly", "b")}
    assert len(workers["costly"]) == 1 and len(workers["b"]) > 1, run.stdout  # the others spread as usual
