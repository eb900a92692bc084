"""The verdict of a failed check (checker/child/verdicts.py), without a child: each kind of exception, raised
where a check would see it (in the learner's file or in the suite), gives its diagnostic code and a message
that names what the learner needs (the function, the line, the limit), in the learner's language."""

import linecache
import warnings

import pytest

from checker.child.deadline import CheckTimeout
from checker.child.diagnose import Frame, ThreadStack
from checker.child.probes import BlockEvent
from checker.child.testkit import KataFailure
from checker.child.verdicts import Verdicts, failed
from checker.child.virtual import LoopEndReached

LEARNER = "/course/katas/01_first_coroutine/answer.py"


def raised_in_learner(source: str, call: str = "main()") -> BaseException:
    """What `call` raises when `source` runs as the learner's file (its frames carry the learner's path)."""
    namespace: dict = {}
    linecache.cache[LEARNER] = (len(source), None, source.splitlines(True), LEARNER)  # its lines, without a file
    exec(compile(source, LEARNER, "exec"), namespace)
    try:
        exec(compile(call, "/course/tests/katas/01/test_suite.py", "eval"), namespace)
    except BaseException as exc:  # noqa: BLE001 - the exception is the test's input
        return exc
    raise AssertionError("the learner's code raised nothing")


def raised_in_suite(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001
        return caught


@pytest.fixture(params=["en", "fr"])
def verdicts(request) -> Verdicts:
    return Verdicts(LEARNER, request.param, "01")


def test_a_suites_failure_keeps_its_code_words_and_details(verdicts):
    exc = KataFailure("wrong-result", "took 15.0 s", "a pris 15,0 s", expected=5.0)
    verdict = verdicts.of(exc)
    assert verdict.code == "wrong-result" and verdict.details == {"expected": 5.0}
    assert verdict.message == {"en": "took 15.0 s", "fr": "a pris 15,0 s"}[verdicts.lang]
    assert failed(verdict) == {"code": "wrong-result", "message": verdict.message, "status": "failed",
                               "details": {"expected": 5.0}}


def test_the_stub_names_its_function_and_the_kata(verdicts):
    exc = raised_in_learner("def task(name):\n    raise NotImplementedError\n\ndef main():\n    return task('a')\n")
    verdict = verdicts.of(exc)
    assert verdict.code == "not-implemented"
    assert "`task`" in verdict.message and "kata show 01" in verdict.message


def test_an_exception_in_the_learners_code_is_a_crash_at_its_line(verdicts):
    exc = raised_in_learner("def main():\n    total = 0\n    return 1 / total\n")
    verdict = verdicts.of(exc)
    assert verdict.code == "crash"
    assert "ZeroDivisionError: division by zero (answer.py:3: return 1 / total)" in verdict.message
    assert ("Your code raised" if verdicts.lang == "en" else "Votre code a levé") in verdict.message


def test_an_assert_in_the_suite_is_a_wrong_result_with_its_first_line(verdicts):
    verdict = verdicts.of(raised_in_suite(AssertionError("expected 5, got 15\nmore detail")))
    assert (verdict.code, verdict.message) == ("wrong-result", "expected 5, got 15")
    verdict = verdicts.of(raised_in_suite(pytest.fail.Exception("the result is wrong", pytrace=False)))
    assert (verdict.code, verdict.message) == ("wrong-result", "the result is wrong")


def test_an_assert_in_the_learners_code_is_a_crash(verdicts):
    exc = raised_in_learner("def main():\n    assert False, 'my own check'\n")
    verdict = verdicts.of(exc)
    assert verdict.code == "crash" and "AssertionError: my own check (answer.py:2:" in verdict.message


def test_system_exit_in_a_function_is_a_crash_with_its_status(verdicts):
    verdict = verdicts.of(raised_in_learner("import sys\ndef main():\n    sys.exit(3)\n"))
    assert verdict.code == "crash" and "SystemExit (3)" in verdict.message


def test_a_file_that_does_not_load_is_a_crash_that_says_so(verdicts):
    verdict = verdicts.of(raised_in_learner("def main():\n    raise ValueError('bad config')\n"), importing=True)
    assert verdict.code == "crash"
    assert ("could not be loaded" if verdicts.lang == "en" else "n'a pas pu être chargé") in verdict.message
    assert "ValueError: bad config (answer.py:2:" in verdict.message
    syntax = SyntaxError("invalid syntax", (LEARNER, 4, 7, "def f(:\n"))
    verdict = verdicts.of(syntax, importing=True)
    assert "SyntaxError answer.py:4: invalid syntax" in verdict.message
    # a stub that raises while loading is still the stub
    assert verdicts.of(raised_in_learner("def main():\n    raise NotImplementedError\n"), importing=True).code \
        == "not-implemented"


def test_virtual_time_that_runs_out_is_wrong_timing(verdicts):
    verdict = verdicts.of(LoopEndReached(3600.0))
    assert verdict.code == "wrong-timing" and "3600 s" in verdict.message


def _stack(name: str, line: int, source: str) -> ThreadStack:
    return ThreadStack(name, (Frame(LEARNER, line, "transfer", source),), ident=line)


def test_a_hang_where_every_thread_waits_on_a_lock_is_a_deadlock(verdicts):
    stacks = [_stack("Thread-1", 12, "with b:"), _stack("Thread-2", 18, "with a:")]
    verdict = verdicts.of(CheckTimeout(3.0, stacks, None, None))
    assert verdict.code == "deadlock"
    assert "answer.py:12 (with b:)" in verdict.message and "answer.py:18 (with a:)" in verdict.message
    assert verdict.details == {"threads": [{"name": "Thread-1", "at": "answer.py:12 (with b:)"},
                                           {"name": "Thread-2", "at": "answer.py:18 (with a:)"}]}


def test_a_hang_with_a_thread_still_running_is_a_timeout_that_says_where(verdicts):
    spinning = _stack("MainThread", 7, "while not done:")
    verdict = verdicts.of(CheckTimeout(3.0, [spinning, _stack("Thread-1", 12, "with b:")], spinning, 2.5))
    assert verdict.code == "timeout"
    assert "3 s" in verdict.message and "answer.py:7 (while not done:)" in verdict.message
    assert ("2.5 s" if verdicts.lang == "en" else "2,5 s") in verdict.message  # the loop sat in one step: it never yields
    assert len(verdict.details["threads"]) == 2
    plain = verdicts.of(CheckTimeout(3.0, [], None, None))
    assert plain.code == "timeout" and plain.details == {"threads": []} and "2.5" not in plain.message


def test_a_failure_pytest_alone_saw_keeps_the_end_of_its_text(verdicts):
    verdict = verdicts.unknown("x" * 2000 + "the end")
    assert verdict.code == "crash" and verdict.message.endswith("the end") and len(verdict.message) == 1000


def _never_awaited(created_at: int) -> warnings.WarningMessage:
    text = ("coroutine 'task' was never awaited\nCoroutine created at (most recent call last)\n"
            f'  File "/course/tests/katas/01/test_suite.py", line 40, in test_x\n'
            f'  File "{LEARNER}", line {created_at}, in main\n    task("a")')
    return warnings.WarningMessage(RuntimeWarning(text), RuntimeWarning, "/usr/lib/python3/asyncio.py", 99)


def test_a_coroutine_never_awaited_names_the_line_that_created_it():
    for lang in ("en", "fr"):
        failure = Verdicts(LEARNER, lang, "01").not_awaited(_never_awaited(created_at=9))
        assert failure.code == "not-awaited"
        assert "answer.py:9" in failure.texts["en"] and "answer.py:9" in failure.texts["fr"]
        assert "coroutine 'task' was never awaited" in failure.texts["en"]
    # no line of the learner's in the origin: where the warning was raised
    bare = warnings.WarningMessage(RuntimeWarning("coroutine 'task' was never awaited"), RuntimeWarning,
                                   "/course/tests/katas/01/test_suite.py", 40)
    assert "test_suite.py:40" in Verdicts(LEARNER, "en", "01").not_awaited(bare).texts["en"]


def test_a_coroutine_never_awaited_keeps_the_suites_words_about_the_result():
    said = KataFailure("wrong-result", "main() returned a coroutine", "main() a renvoyé une coroutine", got="coro")
    failure = Verdicts(LEARNER, "en", "01").not_awaited(_never_awaited(created_at=9), said)
    assert failure.code == "not-awaited" and failure.details == {"got": "coro"}
    assert failure.texts["en"].startswith("main() returned a coroutine (") and "answer.py:9" in failure.texts["en"]
    assert failure.texts["fr"].startswith("main() a renvoyé une coroutine (")


def test_a_blocking_call_in_the_event_loop_says_where_and_how_long():
    sleep = Verdicts.blocking(BlockEvent("sleep", 1.0, "answer.py:4 (time.sleep(1))"))
    assert sleep.code == "blocking-call" and "time.sleep" in sleep.texts["en"]
    assert sleep.details == {"location": "answer.py:4 (time.sleep(1))", "seconds": 1.0}
    stall = Verdicts.blocking(BlockEvent("stall", 0.4567, "answer.py:8 (sum(range(10**8)))"))
    assert "0.46 s" in stall.texts["en"] and "0,46 s" in stall.texts["fr"] and stall.details["seconds"] == 0.457


def test_a_parametrized_checks_title_writes_its_numbers_as_the_language_does():
    from types import SimpleNamespace

    from checker.child.suite import title

    def check(**params):
        """waits its duration
        fr: attend sa durée"""

    item = SimpleNamespace(function=check, originalname="test_waits", callspec=SimpleNamespace(params={"d": 0.5, "n": 2, "s": "a.b"}))
    assert title(item, "en") == "waits its duration [0.5, 2, a.b]"
    assert title(item, "fr") == "attend sa durée [0,5 ; 2 ; a.b]"
