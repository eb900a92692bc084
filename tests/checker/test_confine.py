"""Confinement of a check's learner code (checker/confine.py, checker/runner.py): the attacks of tests/attacks/
run through the real `kata check`, and a probe kata shows what learner code sees (environment, privileges).

Each attack is a kata 01 submission whose honest grade is 0; here every write it tries outside the run's
folder is refused, nothing it starts outlives the check, and its grade stays 0.
"""

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import time
from pathlib import Path

import pytest

from checker import confine, system

REPO = Path(__file__).resolve().parents[2]
ATTACKS = REPO / "tests" / "attacks"

needs_landlock = pytest.mark.skipif(confine.landlock_abi() < 1 or os.environ.get(confine.FORCE_OFF) == "1",
                                    reason="Landlock is not available here")


def kata(*args, root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "KATA_ROOT": str(root), "KATA_LANG": "en", **(env or {})}, timeout=120)


def check_json(attack: str, root: Path, env: dict | None = None) -> dict:
    result = kata("check", "01", "--file", str(ATTACKS / attack), "--json", root=root, env=env)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def attack_processes() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if "kata-attack-" in line and state != "Z":
                found.append(f"{entry.name}: {line}")
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Attacked:
    """Every attack of tests/attacks/ checked once, at the same time (each check mostly waits), against one
    copy of the course; what the tests compare is taken before and after."""

    def __init__(self, root: Path, scratch: Path) -> None:
        import pwd
        from concurrent.futures import ThreadPoolExecutor

        import checker

        self.root = root
        self.output = scratch / "github_output"
        self.output.write_text("")
        self.planted = [Path(sysconfig.get_path("purelib")) / "kata-attack.pth",
                        Path(checker.__file__).parent / "kata_attack.py", Path(sys.executable).parent / "kata-attack",
                        Path(checker.__file__).parent / "child" / "__pycache__" / f"kata_attack.{sys.implementation.cache_tag}.pyc"]
        self.entry = Path(sys.executable).parent / "kata"
        self.places = [Path(pwd.getpwuid(os.getuid()).pw_dir), Path("/tmp")]
        self.tests_before = snapshot(root / "tests")
        self.entry_before = self.entry.stat().st_mtime_ns if self.entry.exists() else None
        self.places_before = {p: set(p.glob("kata-attack-*")) for p in self.places}
        env = {"KATA_ATTACK_OUTPUT": str(self.output)}
        names = sorted(p.name for p in ATTACKS.glob("*.py"))
        with ThreadPoolExecutor(max_workers=4) as pool:
            self.reports = dict(zip(names, pool.map(lambda name: check_json(name, root, env), names)))
        self.left_running = attack_processes()
        self.tests_after = snapshot(root / "tests")
        self.planted_found = [p for p in self.planted if p.exists()]
        self.places_new = {p: set(p.glob("kata-attack-*")) - self.places_before[p] for p in self.places}

    def clean(self) -> None:
        for path in self.planted_found:
            path.unlink(missing_ok=True)
        for new in self.places_new.values():
            for path in new:
                path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def attacked(tmp_path_factory) -> Attacked:
    import shutil

    scratch = tmp_path_factory.mktemp("confine")
    root = scratch / "course"
    for part in ("katas", "tests/katas"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    result = Attacked(root, scratch)
    yield result
    result.clean()


def test_every_attack_earns_nothing(attacked):
    assert attacked.reports and all(r["points"] == 0 and r["status"] == "failed" for r in attacked.reports.values())


@needs_landlock
def test_every_attack_ran_confined(attacked):
    assert all(r["confinement"]["landlock"] for r in attacked.reports.values())


@needs_landlock
def test_the_hidden_suites_are_unchanged_and_no_pyc_was_planted(attacked):
    assert attacked.tests_after == attacked.tests_before


@needs_landlock
def test_no_pth_no_checker_module_no_entry_point_was_written(attacked):
    assert attacked.planted_found == []
    assert (attacked.entry.stat().st_mtime_ns if attacked.entry.exists() else None) == attacked.entry_before


@needs_landlock
def test_home_and_tmp_outside_the_run_folder_stay_untouched(attacked):
    assert attacked.places_new == {p: set() for p in attacked.places}


@needs_landlock
def test_a_file_named_in_kata_s_environment_gets_no_forged_line(attacked):
    assert attacked.output.read_text() == ""


def test_nothing_the_checks_started_outlives_them(attacked):
    assert {"setsid_daemon.py", "double_fork.py"} <= set(attacked.reports)
    assert attacked.left_running == []


# --- what learner code sees: a probe kata whose suite reports what `observe()` returned --------------------

PROBE_SUITE = '''
from checker.child.testkit import fail


def test_observe(learner, lang, kata):
    seen = repr((learner.observe(), lang, kata))
    fail("wrong-result", en=seen, fr=seen)
'''

PROBE_TOML = '''format_version = 1
id = "01"
slug = "probe"
file = "probe.py"
points = 1
timeout_s = 30
check_timeout_s = 10

[title]
en = "Probe"
fr = "Sonde"
'''


@pytest.fixture
def probe(tmp_path) -> Path:
    root = tmp_path / "probe-course"
    (root / "katas" / "01_probe").mkdir(parents=True)
    (root / "tests" / "katas" / "01_probe").mkdir(parents=True)
    (root / "katas" / "01_probe" / "kata.toml").write_text(PROBE_TOML)
    (root / "katas" / "01_probe" / "README.md").write_text("# Probe\n")
    (root / "tests" / "katas" / "01_probe" / "test_probe.py").write_text(PROBE_SUITE)
    (root / "pyproject.toml").write_text("")
    return root


def observe(probe: Path, body: str, env: dict | None = None, lang: str = "en") -> tuple:
    (probe / "katas" / "01_probe" / "probe.py").write_text(textwrap.dedent(body))
    result = kata("check", "01", "--json", "--lang", lang, root=probe, env=env)
    report = json.loads(result.stdout)
    check = report["checks"][0]
    assert check["code"] == "wrong-result", check
    import ast

    return ast.literal_eval(check["message"]), report


def test_the_suite_gets_the_language_and_kata_as_fixtures(probe):
    (_, lang, kata_id), _ = observe(probe, "def observe():\n    return None\n", lang="fr")
    assert (lang, kata_id) == ("fr", "01")


def test_learner_code_sees_a_fixed_environment_without_the_grader_s(probe):
    grader = {"FORCE_COLOR": "1", "GITHUB_OUTPUT": "/x", "GITHUB_ACTIONS": "true", "CI": "true",
              "RUNNER_OS": "Linux", "DOTNET_NOLOGO": "1", "DOTNET_CLI_HOME": "/tmp"}
    body = "import os\ndef observe():\n    return dict(os.environ)\n"
    (graded, _, _), _ = observe(probe, body, env=grader)
    (plain, _, _), _ = observe(probe, body)
    assert not set(graded) & set(grader)
    assert sorted(graded) == sorted(plain)
    assert graded["HOME"] == graded["TMPDIR"] and "kata-run-" in graded["HOME"]


def test_learner_code_gains_no_privilege(probe):
    body = """
    import subprocess
    def observe():
        status = open("/proc/self/status").read()
        flag = [line.split()[1] for line in status.splitlines() if line.startswith("NoNewPrivs:")][0]
        child = subprocess.run(["sh", "-c", "grep NoNewPrivs /proc/self/status"], capture_output=True, text=True)
        return flag, child.stdout.split()[-1]
    """
    (flags, _, _), _ = observe(probe, body)
    assert flags == ("1", "1")  # set-uid programs (sudo) run without their privilege, in every descendant


@needs_landlock
def test_learner_code_may_write_in_its_run_folder_and_dev_only(probe):
    body = """
    import os, tempfile
    def attempt(path):
        try:
            with open(path, "a"):
                return "wrote"
        except OSError:
            return "refused"
    def observe():
        here = os.path.dirname(__file__)
        return {"tmp": attempt(os.path.join(tempfile.gettempdir(), "ok")), "dev/null": attempt("/dev/null"),
                "own folder": attempt(os.path.join(here, "kata-attack-note")), "cwd": attempt("cwd-note")}
    """
    (seen, _, _), report = observe(probe, body)
    assert seen == {"tmp": "wrote", "dev/null": "wrote", "own folder": "refused", "cwd": "wrote"}
    assert report["confinement"]["abi"] >= 1


def test_without_landlock_the_check_runs_and_says_so_in_one_line(probe):
    body = "def observe():\n    return None\n"
    (probe / "katas" / "01_probe" / "probe.py").write_text(body)
    env = {"KATA_ROOT": str(probe), confine.FORCE_OFF: "1"}
    for lang, words in (("en", "without confinement"), ("fr", "sans confinement")):
        result = kata("check", "01", "--lang", lang, root=probe, env=env)
        assert result.returncode == 1 and "wrong-result" in result.stdout
        lines = [line for line in result.stdout.splitlines() if words in line]
        assert len(lines) == 1 and "KATA_TEST_NO_LANDLOCK" in lines[0]
    report = json.loads(kata("check", "01", "--json", root=probe, env=env).stdout)
    assert report["confinement"]["landlock"] is False and report["confinement"]["why"]


@needs_landlock
def test_with_landlock_no_notice_is_printed(probe):
    (probe / "katas" / "01_probe" / "probe.py").write_text("def observe():\n    return None\n")
    result = kata("check", "01", root=probe)
    assert "confinement" not in result.stdout


# --- planted caches ------------------------------------------------------------------------------------

def test_a_planted_pyc_beside_the_suite_is_never_read(probe):
    """A pyc that would make the suite pass, planted under both names Python and pytest would look for (hash
    -based, unchecked: valid whatever the source's date), is not read: the suite's own source runs."""
    import importlib.util
    import marshal

    suite = probe / "tests" / "katas" / "01_probe" / "test_probe.py"
    forged = compile("def test_observe():\n    pass\n", str(suite), "exec")
    source_hash = importlib.util.source_hash(suite.read_bytes())
    cache = suite.parent / "__pycache__"
    cache.mkdir()
    tag = sys.implementation.cache_tag
    import pytest as real_pytest

    unchecked = importlib.util.MAGIC_NUMBER + b"\x01\x00\x00\x00" + source_hash + marshal.dumps(forged)
    pytest_style = importlib.util.MAGIC_NUMBER + b"\x03\x00\x00\x00" + source_hash[:8] + marshal.dumps(forged)
    (cache / f"test_probe.{tag}.pyc").write_bytes(unchecked)
    (cache / f"test_probe.{tag}-pytest-{real_pytest.__version__}.pyc").write_bytes(pytest_style)
    (probe / "katas" / "01_probe" / "probe.py").write_text("def observe():\n    return None\n")
    report = json.loads(kata("check", "01", "--json", root=probe).stdout)
    assert report["passed"] is False and report["checks"][0]["code"] == "wrong-result"


# --- the process tree ------------------------------------------------------------------------------------

def test_kill_tree_kills_every_descendant_also_after_setsid():
    script = ("import os, sys, time\n"
              "if os.fork() == 0:\n"
              "    os.setsid()\n"
              "    if os.fork() == 0:\n"
              "        time.sleep(60)\n"
              "    time.sleep(60)\n"
              "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 10
    while len(system.descendants({proc.pid})) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    below = system.descendants({proc.pid})
    assert len(below) == 2
    confine.kill_tree({proc.pid})
    proc.wait(timeout=10)
    assert not below & {p.pid for p in confine._living()}


# --- a machine too busy to measure -------------------------------------------------------------------------

BUSY_SUITE = '''
from checker.child.testkit import fail


def test_speed_up(learner):
    fail("busy-machine", en="the reference showed no speed-up either", fr="la référence non plus")
'''


def test_a_check_that_stays_busy_is_run_again_then_not_graded_with_exit_3(probe):
    (probe / "tests" / "katas" / "01_probe" / "test_probe.py").write_text(BUSY_SUITE)
    toml = probe / "katas" / "01_probe" / "kata.toml"
    toml.write_text(toml.read_text().replace("timeout_s = 30", "timeout_s = 15"))
    (probe / "katas" / "01_probe" / "probe.py").write_text("")
    result = kata("check", "01", root=probe)
    assert result.returncode == 3
    text = " ".join(result.stdout.split())
    assert "This is not your mistake" in text and "Ce n'est pas votre erreur" in text and "re-run the job" in text
    report = json.loads(kata("check", "01", "--json", root=probe).stdout)
    assert report["status"] == "not-graded" and report["points"] == 0 and report["runs"] >= 2
