"""`kata class`: a whole class graded from the teacher's side, on a class folder made here (git clones and
loose files; a student with no file, one who rewrote the hidden tests, kata.toml and workflow, one whose code
hangs, one who tries to write into another student's folder, one with a symlink out, one with a non-UTF-8
name). The gradebook is exact, and the same in one run, in two shards merged, and after SIGKILL + resume."""

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker import confine

REPO = Path(__file__).resolve().parent.parent.parent
KATAS = "01,03,14"
PREFIX = "katas-hw-"  # what `gh classroom clone student-repos` puts before each login
EXPECTED_CSV = """\
student,01,03,14,total,max
alice,10,10,10,30,30
bob,10,0,0,10,30
carol,0,0,0,0,30
dave,0,0,0,0,30
eve,0,0,0,0,30
frank,0,0,0,0,30
gr\\xe9goire,0,0,10,10,30
mallory,10,0,0,10,30
"""
FOLDERS = {"01": "01_first_coroutine/first_coroutine.py", "03": "03_fix_the_race/fix_the_race.py",
           "14": "14_which_tool_quiz/which_tool_quiz.py"}


def solution(kata):
    return (REPO / "solutions" / FOLDERS[kata]).read_bytes()


def stub(kata):
    return (REPO / "katas" / FOLDERS[kata]).read_bytes()


def git(folder, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "s", "GIT_AUTHOR_EMAIL": "s@x", "GIT_COMMITTER_NAME": "s",
           "GIT_COMMITTER_EMAIL": "s@x"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def clone(folder, files):
    """A student repository as `kata export` shipped it, with the student's files committed."""
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "my work")


@pytest.fixture(scope="session")
def teacher(tmp_path_factory):
    """The teacher's repository (katas, suites, solutions), as shipped: the hanging student costs kata 01's
    time limit (30 s), spent beside the other checks."""
    root = tmp_path_factory.mktemp("teacher")
    for part in ("katas", "tests/katas", "solutions"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="session")
def klass(tmp_path_factory):
    top = tmp_path_factory.mktemp("class")
    d = top / "hw-submissions"
    d.mkdir()
    s = {name: d / f"{PREFIX}{name}" for name in ("alice", "bob", "carol", "dave", "eve", "frank", "mallory")}
    for folder in s.values():
        folder.mkdir()
    clone(s["alice"], {f"katas/{FOLDERS[k]}": solution(k) for k in FOLDERS})
    (s["bob"] / "homework").mkdir()
    (s["bob"] / "homework/fix_the_race.py").write_bytes(
        (REPO / "tests/mistakes/03_fix_the_race/returns_the_product.py").read_bytes())
    (s["bob"] / "first_coroutine.py").write_bytes(solution("01"))
    (s["carol"] / "notes.txt").write_text("I will do it tomorrow\n")
    cheat = {f"katas/{FOLDERS[k]}": stub(k) for k in FOLDERS}
    cheat["tests/katas/03_fix_the_race/test_fix_the_race.py"] = b"def test_everything():\n    assert True\n"
    cheat["katas/03_fix_the_race/kata.toml"] = (REPO / "katas/03_fix_the_race/kata.toml").read_bytes().replace(
        b"points = 10", b"points = 100")
    cheat[".github/workflows/classroom.yml"] = b"jobs: {grade: {steps: [{run: 'kata check 03 || true'}]}}\n"
    clone(s["dave"], cheat)
    git(s["dave"], "config", "core.fsmonitor", f"touch {top / 'fsmonitor-ran'}")
    hooks = s["dave"] / ".git/hooks/post-checkout"
    hooks.write_text(f"#!/bin/sh\ntouch {top / 'hook-ran'}\n")
    hooks.chmod(0o755)
    (s["eve"] / "first_coroutine.py").write_text("import time\ntime.sleep(3600)\n")
    (s["frank"] / "first_coroutine.py").symlink_to(REPO / "solutions" / FOLDERS["01"])
    (s["frank"] / "linked").symlink_to(REPO / "solutions/03_fix_the_race", target_is_directory=True)
    odd = os.fsencode(str(d)) + b"/" + PREFIX.encode() + b"gr\xe9goire"
    os.mkdir(odd)
    with open(odd + b"/which_tool_quiz.py", "wb") as f:
        f.write(solution("14"))
    (s["mallory"] / "first_coroutine.py").write_bytes(
        b"from pathlib import Path\ntry:\n    Path(%s).joinpath('pwned.txt').write_text('mallory')\n"
        b"except OSError:\n    pass\n" % repr(str(s["bob"])).encode() + solution("01"))
    return d


def kata(teacher, *args, **kw):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "KATA_ROOT": str(teacher), "KATA_LANG": "en"}, **kw)


def grade(teacher, klass, out, *more):
    result = kata(teacher, "class", "grade", str(klass), "--out", str(out), "--katas", KATAS, "--jobs", "2", *more)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="session")
def graded(teacher, klass, tmp_path_factory):
    suites = {p: p.read_bytes() for p in (teacher / "tests/katas").rglob("*.py")}
    out = tmp_path_factory.mktemp("out")
    result = grade(teacher, klass, out)
    assert {p: p.read_bytes() for p in (teacher / "tests/katas").rglob("*.py")} == suites
    return out, result


def test_the_gradebook_is_exact(graded):
    out, result = graded
    assert (out / "grades.csv").read_text() == EXPECTED_CSV
    assert "alice" in result.stdout and "30/30" in result.stdout  # the class table ends the run


def test_results_hold_commit_hashes_versions_and_every_check(graded, klass):
    doc = json.loads((graded[0] / "results.json").read_text())
    students = {s["name"]: s for s in doc["students"]}
    alice = students["alice"]
    assert alice["source"] == "git" and alice["commit"] == git(klass / f"{PREFIX}alice", "rev-parse", "HEAD")
    assert alice["katas"]["01"]["sha256"] == hashlib.sha256(solution("01")).hexdigest()
    assert alice["katas"]["01"]["file"] == "katas/" + FOLDERS["01"]
    assert students["bob"]["source"] == "files" and students["bob"]["commit"] is None
    assert students["bob"]["katas"]["03"]["file"] == "homework/fix_the_race.py"
    assert students["carol"]["katas"]["01"]["status"] == "not-submitted"
    assert students["frank"]["katas"]["03"]["status"] == "not-submitted"  # the linked folder is not followed
    frank = students["frank"]["katas"]["01"]
    assert frank["status"] == "failed" and frank["sha256"] is None
    for student in doc["students"]:
        for cell in student["katas"].values():
            assert cell["checker_version"] == doc["checker_version"] and cell["suite_version"]
            for check in (cell["report"] or {}).get("checks", []):
                assert {"name", "code", "message", "status"} <= set(check)
    assert students["eve"]["katas"]["01"]["report"]["checks"][-1]["code"] in ("timeout", "crash")
    assert all(cell["review"] == [] for cell in alice["katas"].values())  # right solutions: nothing to read
    assert students["eve"]["katas"]["01"]["review"] == []
    assert [c["code"] for c in students["bob"]["katas"]["03"]["report"]["checks"] if c["code"]]


def test_a_student_who_rewrote_tests_points_and_workflow_gets_what_the_files_earn(graded, klass):
    doc = json.loads((graded[0] / "results.json").read_text())
    dave = next(s for s in doc["students"] if s["name"] == "dave")
    assert [(c["points"], c["max_points"], c["status"]) for c in dave["katas"].values()] == [(0, 10, "failed")] * 3
    assert "not-implemented" in [c["code"] for c in dave["katas"]["03"]["report"]["checks"]]
    assert not (klass.parent / "fsmonitor-ran").exists() and not (klass.parent / "hook-ran").exists()


@pytest.mark.skipif(confine.landlock_abi() < 1 or os.environ.get(confine.FORCE_OFF) == "1",
                    reason="Landlock is not available here: a check's writes are not confined (README, platforms)")
def test_a_student_cannot_write_into_another_students_folder(graded, klass):
    assert sorted(p.name for p in (klass / f"{PREFIX}bob").iterdir()) == ["first_coroutine.py", "homework"]


def test_shards_are_a_partition_and_merge_into_the_same_gradebook(graded, teacher, klass, tmp_path):
    from checker.catalog import Catalog
    from checker.classgrade import run

    outs = []
    for i in (1, 2):
        out = tmp_path / f"shard{i}"
        shutil.copytree(graded[0] / ".cache", out / ".cache")  # the verdicts: this test is about the shares
        run.grade(Catalog(teacher).select(KATAS), klass, out, "en", 2, f"{i}/2")
        outs.append(out)
    names = [[r["student"] for r in csv.DictReader(io.StringIO((o / "grades.csv").read_text()))] for o in outs]
    assert names[0] and names[1] and not set(names[0]) & set(names[1])
    merged = kata(teacher, "class", "merge", *map(str, outs), "--out", str(tmp_path / "all"))
    assert merged.returncode == 0, merged.stderr
    assert (tmp_path / "all/grades.csv").read_text() == EXPECTED_CSV
    stats = kata(teacher, "class", "stats", str(tmp_path / "all"))
    assert stats.returncode == 0 and "not-implemented" in stats.stdout


def test_regrading_checks_only_the_changed_file(graded, teacher, klass, tmp_path, monkeypatch):
    from checker import runner
    from checker.catalog import Catalog
    from checker.classgrade import run

    shutil.copytree(klass, tmp_path / "class", symlinks=True)
    shutil.copytree(graded[0] / ".cache", tmp_path / "out/.cache")
    (tmp_path / "class" / f"{PREFIX}bob/homework/fix_the_race.py").write_bytes(solution("03") + b"# fixed\n")
    calls = []
    real = runner.run_suite
    monkeypatch.setattr(runner, "run_suite", lambda kata, *a: calls.append(kata.id) or real(kata, *a))
    run.grade(Catalog(teacher).select(KATAS), tmp_path / "class", tmp_path / "out", "en", 2, None)
    assert calls == ["03"]
    assert "bob,10,10,0,20,30" in (tmp_path / "out/grades.csv").read_text().splitlines()


def test_busy_machine_is_not_graded_shown_apart_and_the_next_run_finishes_only_those(teacher, tmp_path,
                                                                                       monkeypatch):
    from checker import runner
    from checker.catalog import Catalog
    from checker.classgrade import grader, run
    from checker.report import Check, Report

    for name, data in (("ann", solution("01")), ("ben", stub("01"))):
        (tmp_path / "class" / name).mkdir(parents=True)
        (tmp_path / "class" / name / "first_coroutine.py").write_bytes(data)
    busy, calls = [True], []

    def fake(kata, file, lang, seed=None):
        calls.append(file.read_bytes())
        ok = file.read_bytes() == solution("01")
        check = Check("c", False, "busy-machine", "busy", "failed") if busy[0] and ok else \
            Check("c", ok, None if ok else "not-implemented", "", "passed" if ok else "failed")
        return Report(kata.id, kata.points, 0.1, [check])

    monkeypatch.setattr(runner, "run_suite", fake)
    katas = Catalog(teacher).select("01")
    doc = run.grade(katas, tmp_path / "class", tmp_path / "out", "en", 1, None)
    assert len(calls) == 1 + grader.BUSY_RETRIES + 1  # ann's retried, ben's once
    assert [s["katas"]["01"]["status"] for s in doc["students"]] == ["not-graded", "failed"]
    assert (tmp_path / "out/grades.csv").read_text() == "student,01,total,max\nann,,0,10\nben,0,0,10\n"
    busy[0], calls[:] = False, []
    run.grade(katas, tmp_path / "class", tmp_path / "out", "en", 1, None)
    assert calls == [solution("01")]
    assert (tmp_path / "out/grades.csv").read_text() == "student,01,total,max\nann,10,10,10\nben,0,0,10\n"


class Tables(HTMLParser):
    """The rows of <table id="class-table">, and any tag that would reach the network."""

    def __init__(self):
        super().__init__()
        self.rows, self.inside, self.cell, self.external = [], False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "link", "img", "iframe") or any(str(v).startswith(("http:", "https:", "//"))
                                                              for k, v in attrs.items() if k in ("src", "href")):
            self.external.append(tag)
        if tag == "table" and attrs.get("id") == "class-table":
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def expected_rows():
    rows = list(csv.reader(io.StringIO(EXPECTED_CSV)))
    return [rows[0]] + [[r[0], *(f"{p}/10" for p in r[1:4]), r[4], r[5]] for r in rows[1:]]


def test_the_html_report_is_self_contained_and_holds_the_class_table(graded):
    text = (graded[0] / "report.html").read_text()
    parser = Tables()
    parser.feed(text)
    assert parser.rows == expected_rows() and not parser.external
    assert text.count("<svg") >= 2 and "not-implemented" in text and 'id="student-7"' in text


def test_the_html_report_in_a_headless_browser(graded, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no chromium installed (apt-get install chromium); the page is checked with html.parser above")
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}",
                          "--dump-dom", (graded[0] / "report.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    parser = Tables()
    parser.feed(dom)
    assert parser.rows == expected_rows()


def test_the_workflow_is_valid_yaml_with_a_matrix_and_a_merge(teacher):
    import yaml

    result = kata(teacher, "class", "workflow", "--shards", "3", "--katas", KATAS)
    data = yaml.safe_load(result.stdout)
    assert data["jobs"]["grade"]["strategy"]["matrix"]["shard"] == [1, 2, 3]
    assert data["jobs"]["merge"]["needs"] == "grade"
    assert "--shard ${{ matrix.shard }}/3 --katas 01,03,14" in result.stdout


@pytest.mark.slow
def test_two_shards_graded_apart_merge_into_the_same_gradebook(teacher, klass, tmp_path):
    outs = [tmp_path / "a", tmp_path / "b"]
    for i, out in enumerate(outs, 1):
        grade(teacher, klass, out, "--shard", f"{i}/2")
    assert kata(teacher, "class", "merge", *map(str, outs), "--out", str(tmp_path / "all")).returncode == 0
    assert (tmp_path / "all/grades.csv").read_text() == EXPECTED_CSV


@pytest.mark.slow
def test_sigkill_halfway_then_resume_gives_the_same_gradebook(teacher, klass, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "checker", "class", "grade", str(klass), "--out", str(out),
                             "--katas", KATAS, "--jobs", "2"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "KATA_ROOT": str(teacher), "KATA_LANG": "en"})
    deadline = time.monotonic() + 300
    while len(list(out.glob(".cache/*/*.json"))) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = len(list(out.glob(".cache/*/*.json")))
    assert 3 <= kept and not (out / "grades.csv").exists()
    grade(teacher, klass, out)
    assert (out / "grades.csv").read_text() == EXPECTED_CSV


def test_discovery_takes_only_regular_files_of_sane_size_and_reads_git_by_hand(tmp_path):
    from checker.catalog import Catalog
    from checker.classgrade import discover

    katas = Catalog(REPO).select(KATAS)
    one = tmp_path / "hw-submissions" / "hw-one"
    (one / "deep/er").mkdir(parents=True)
    (one / "deep/er/first_coroutine.py").write_bytes(b"x" * (discover.MAX_SOURCE_BYTES + 1))
    os.mkfifo(one / "fix_the_race.py")  # reading it would block for ever
    (one / "which_tool_quiz.py").symlink_to("/etc/passwd")
    git_dir = one / ".git"
    (git_dir / "refs/heads").mkdir(parents=True)
    (git_dir / "HEAD").write_text("ref: refs/heads/main\n")
    (git_dir / "packed-refs").write_text("# pack-refs with: peeled\n" + "ab" * 20 + " refs/heads/main\n")
    (git_dir / "first_coroutine.py").write_text("never taken from .git\n")
    two = tmp_path / "hw-submissions" / "hw-two"
    two.mkdir()
    (two / "first_coroutine.py").write_text("print('hi')\n")
    students = discover.students(tmp_path / "hw-submissions", katas)
    assert [s.name for s in students] == ["one", "two"]
    one_s = students[0]
    assert one_s.commit == "ab" * 20 and students[1].commit is None
    assert {k: (f.path, f.data is None) for k, f in one_s.files.items()} == {
        "01": ("deep/er/first_coroutine.py", True), "03": ("fix_the_race.py", True),
        "14": ("which_tool_quiz.py", True)}
    assert all(f.problem for f in one_s.files.values())
    assert students[1].files["01"].sha256 == hashlib.sha256(b"print('hi')\n").hexdigest()
    assert discover.student_names(["a-x", "a-y"]) == ["x", "y"] and discover.student_names(["a-x"]) == ["a-x"]
