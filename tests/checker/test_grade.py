"""`kata grade` and the machine-readable formats (JSON, JUnit, Classroom, exercism results.json v3)."""

import json
import os
import shutil
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest


def kata(root, *args):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "KATA_ROOT": str(root), "KATA_LANG": "en"})


@pytest.fixture
def solved(course):
    """The course with kata 01 solved."""
    shutil.copy(course / "solutions/01_first_coroutine/first_coroutine.py",
                course / "katas/01_first_coroutine/first_coroutine.py")
    return course


def test_grade_passes_with_exit_0_when_every_kata_passes(solved):
    result = kata(solved, "grade", "--katas", "01", "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["passed"] and data["points"] == data["max_points"] == 10


def test_grade_text_is_a_table_with_points(solved):
    result = kata(solved, "grade", "--katas", "01")
    assert result.returncode == 0 and "10/10" in result.stdout and "Total: 10/10 points" in result.stdout


def test_grade_exits_1_on_a_stub(course):
    result = kata(course, "grade", "--katas", "1", "--format", "json")
    assert result.returncode == 1 and json.loads(result.stdout)["points"] == 0


def test_junit_has_one_testcase_per_check_and_the_learner_message(course):
    result = kata(course, "grade", "--katas", "01", "--format", "junit")
    suites = ET.fromstring(result.stdout)
    cases = suites.findall("./testsuite/testcase")
    failures = suites.findall("./testsuite/testcase/failure")
    assert len(cases) >= 5 and failures
    assert all(f.get("type") == "not-implemented" and "NotImplementedError" in f.text for f in failures)


def test_classroom_format_gives_each_grader_step_its_score(solved):
    from checker import classroom
    from checker.catalog import Catalog

    data = json.loads(kata(solved, "grade", "--katas", "01", "--format", "classroom").stdout)
    [step] = classroom.grader_steps([Catalog(solved).get("01")], "en")  # the exported workflow's own step
    assert ".venv/bin/kata check 01 --lang en" in step.command
    assert data["steps"][0] | {"codes": []} == {
        "id": "kata-01", "name": "Kata 01 — Your first coroutine", "command": step.command,
        "status": "pass", "verdict": "passed", "score": 10, "max_score": 10, "codes": []}
    assert (data["totalPoints"], data["maxPoints"]) == (10, 10)


def test_exercism_results_are_version_3_with_capped_output(course, tmp_path):
    noisy = tmp_path / "noisy.py"
    noisy.write_text("import asyncio\n\nasync def task(name, duration):\n    print('x' * 2000)\n"
                     "    return 'result of ' + name\n\ndef main():\n    return 'nope'\n")
    result = kata(course, "check", "01", "--file", str(noisy), "--format", "exercism")
    data = json.loads(result.stdout)
    assert data["version"] == 3 and data["status"] == "fail"
    test = data["tests"][0]
    assert set(test) == {"name", "status", "message", "output", "test_code", "task_id"}
    outputs = [t["output"] for t in data["tests"] if t["output"]]
    assert outputs and all(len(o) <= 600 and "truncated" in o for o in outputs)


def test_an_unknown_format_is_exit_2(course):
    assert kata(course, "grade", "--format", "yaml").returncode == 2
    assert kata(course, "check", "01", "--format", "yaml").returncode == 2


TASKED_SUITE = '''
import pytest

@pytest.mark.task("1")
def test_one(learner):
    assert learner.one() == 1

@pytest.mark.task("2")
def test_two(learner):
    assert learner.two() == 2
'''


@pytest.fixture
def tasked(tmp_path):
    """A kata with two tasks of 4 and 6 points; the learner solved task 1 only."""
    root = tmp_path / "course"
    kata = root / "katas/91_tasks"
    kata.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (kata / "tasks.py").write_text("def one():\n    return 1\n\ndef two():\n    raise NotImplementedError\n")
    (kata / "kata.toml").write_text('id = "91"\nslug = "tasks"\nfile = "tasks.py"\npoints = 10\ntimeout_s = 20\n'
                                    '[title]\nen = "Tasks"\nfr = "Tâches"\n'
                                    '[[tasks]]\nid = "1"\npoints = 4\n[[tasks]]\nid = "2"\npoints = 6\n')
    suite = root / "tests/katas/91_tasks"
    suite.mkdir(parents=True)
    (suite / "test_tasks.py").write_text(TASKED_SUITE)
    return root


def test_tasks_give_partial_credit_and_one_grader_step_each(tasked):
    data = json.loads(kata(tasked, "grade", "--format", "classroom").stdout)
    assert [(s["id"], s["score"], s["max_score"]) for s in data["steps"]] == [
        ("kata-91-task-1", 4, 4), ("kata-91-task-2", 0, 6)]
    assert json.loads(kata(tasked, "grade", "--format", "json").stdout)["points"] == 4


def test_check_task_exits_0_only_for_a_passed_task(tasked):
    assert kata(tasked, "check", "91", "--task", "1").returncode == 0
    assert kata(tasked, "check", "91", "--task", "2").returncode == 1
    unknown = kata(tasked, "check", "91", "--task", "9")
    assert unknown.returncode == 2 and "its tasks: 1, 2" in unknown.stderr


EXITS = "import os\n\ndef one():\n    return 1\n\ndef two():\n    os._exit(3)\n"


@pytest.mark.parametrize("learner, expected", [
    (None, {"1": True, "2": False}),  # task 1 solved, task 2 a stub
    (EXITS, {"1": False, "2": False}),  # task 2's code ends the process: no recorded pass can be trusted
])
def test_every_output_and_the_exit_status_of_check_task_agree(tasked, learner, expected):
    """One verdict rule (Report.task_passed / Report.points): text, JSON, JUnit, Classroom, exercism and the
    exit status of `kata check NN --task ID` (what Classroom runs) say the same of each task."""
    from checker import formats, grade as grading, listings, render
    from checker.catalog import Catalog
    from checker.classroom import grader_steps

    if learner is not None:
        (tasked / "katas/91_tasks/tasks.py").write_text(learner)
    catalog = Catalog(tasked)
    results = grading.grade(catalog.katas, "en", jobs=1)
    (kata91, report), = results
    points = sum(t.points for t in kata91.tasks if expected[t.id])
    assert {t.id: report.task_passed(t.id) for t in kata91.tasks} == expected and report.points == points
    assert json.loads(grading.as_json(results))["points"] == points
    assert json.loads(formats.report_json(report))["points"] == points
    classroom = json.loads(kata(tasked, "grade", "--format", "classroom").stdout)
    assert classroom == json.loads(grading.as_classroom(results))
    steps = grader_steps(catalog.katas, "en")
    assert [(s["id"], s["command"], s["status"] == "pass", s["score"]) for s in classroom["steps"]] == \
        [(step.id, step.command, expected[step.task], step.max_score * expected[step.task]) for step in steps]
    assert classroom["totalPoints"] == points
    junit = ET.fromstring(formats.reports_junit(results))
    properties = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert properties["points"] == str(points)
    assert {t: properties[f"task {t} status"] == "passed" for t in expected} == expected
    assert json.loads(formats.exercism(results))["status"] in (("pass",) if all(expected.values()) else ("fail", "error"))
    console = render.console()
    with console.capture() as captured:
        listings.grade_table(console, results, "en")
    assert f"{points}/10" in captured.get()
    for task, passed in expected.items():
        assert kata(tasked, "check", "91", "--task", task).returncode == (0 if passed else 1)
