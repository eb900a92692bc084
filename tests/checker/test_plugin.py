"""The plugin's own rules, on purpose-written suites: `needs` on parametrized checks, a broken suite."""

import json
import os
import subprocess
import sys
import textwrap

import pytest


@pytest.fixture
def kata_with_suite(tmp_path):
    """A one-file kata (91_rules) whose hidden suite is the text given."""
    def make(suite: str):
        root = tmp_path / "course"
        kata = root / "katas/91_rules"
        kata.mkdir(parents=True)
        (root / "pyproject.toml").write_text("")
        (kata / "rules.py").write_text("def value(x):\n    raise NotImplementedError\n")
        (kata / "kata.toml").write_text(textwrap.dedent('''
            id = "91"
            slug = "rules"
            file = "rules.py"
            points = 1
            timeout_s = 20
            check_timeout_s = 3
            [title]
            en = "Rules"
            fr = "Règles"
        '''))
        (root / "tests/katas/91_rules").mkdir(parents=True)
        (root / "tests/katas/91_rules/test_rules.py").write_text(textwrap.dedent(suite))
        return root
    return make


def check(root, source, lang="en"):
    answer = root / "answer.py"
    answer.write_text(textwrap.dedent(source))
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "91", "--file", str(answer), "--json",
                           "--lang", lang], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "KATA_ROOT": str(root)})
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["checks"]


PARAMETRIZED = '''
import pytest

@pytest.mark.parametrize("x", [1, 2, 3], ids=["one", "two", "three"])
def test_value(learner, x):
    """value(x) is x + 1"""
    assert learner.value(x) == x + 1

@pytest.mark.needs("test_value")
def test_later(learner):
    """later"""
    assert learner.value(10) == 11
'''


def test_a_check_that_needs_a_parametrized_one_waits_for_all_its_cases(kata_with_suite):
    root = kata_with_suite(PARAMETRIZED)
    status, checks = check(root, "def value(x):\n    return x + 1 if x != 2 else 0\n")
    assert status == 1
    assert [c["status"] for c in checks] == ["passed", "failed", "passed", "skipped"]
    assert "value(x) is x + 1" in checks[-1]["message"]
    status, checks = check(root, "def value(x):\n    return x + 1\n")
    assert status == 0 and all(c["passed"] for c in checks)


CASE_BY_CASE = '''
import pytest

@pytest.mark.parametrize("x", [1, 2], ids=["one", "two"])
def test_value(learner, x):
    """value(x) is x + 1"""
    assert learner.value(x) == x + 1

@pytest.mark.parametrize("x", [pytest.param(x, id=i, marks=pytest.mark.needs(f"test_value[{i}]"))
                               for x, i in [(1, "one"), (2, "two")]])
def test_again(learner, x):
    """again"""
    assert learner.value(x) == x + 1
'''


def test_a_case_that_needs_one_case_waits_for_that_case_only(kata_with_suite):
    root = kata_with_suite(CASE_BY_CASE)
    status, checks = check(root, "def value(x):\n    return x + 1 if x != 2 else 0\n")
    assert status == 1
    assert [c["status"] for c in checks] == ["passed", "failed", "passed", "skipped"]


@pytest.mark.parametrize("lang, words", [("en", "could not be loaded"), ("fr", "n'ont pas pu être chargées")])
def test_a_broken_suite_fails_with_its_error_never_silently(kata_with_suite, lang, words):
    root = kata_with_suite("import no_such_module_anywhere\n\ndef test_value(learner):\n    pass\n")
    status, checks = check(root, "def value(x):\n    return x + 1\n", lang)
    assert status == 1
    assert len(checks) == 1 and checks[0]["code"] == "crash"
    assert words in checks[0]["message"] and "no_such_module_anywhere" in checks[0]["message"]


PER_CHECK = '''
import threading, time

def test_draws_and_leaks(learner, timeline):
    """draws and leaks"""
    timeline.add("a", 0.0, 1.0)
    timeline.add("b", 0.5, 1.5)
    threading.Thread(target=time.sleep, args=(3,), name="left-running").start()
    assert learner.value(1) == 2

def test_plain(learner):
    """plain"""
    assert learner.value(2) == 3
'''


def test_a_checks_timeline_and_warnings_stay_with_that_check(kata_with_suite):
    root = kata_with_suite(PER_CHECK)
    status, checks = check(root, "def value(x):\n    return x + 1\n")
    assert status == 0
    drew, plain = checks
    assert [s["name"] for s in drew["details"]["timeline"]["spans"]] == ["a", "b"]
    assert [w["code"] for w in drew["warnings"]] == ["leaked-thread"] and "left-running" in drew["warnings"][0]["message"]
    assert "details" not in plain and "warnings" not in plain
