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
    data = json.loads(kata(solved, "grade", "--katas", "01", "--format", "classroom").stdout)
    assert data["steps"][0] | {"codes": []} == {
        "id": "kata-01", "name": "Kata 01 — Your first coroutine", "command": ".venv/bin/kata check 01",
        "status": "pass", "score": 10, "max_score": 10, "codes": []}
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
