"""Each check's time limit, kept by a watchdog thread (checker/child/deadline.py), now that the checks run on a
thread of their own (checker/child/__main__.py): Python code past its limit is stopped by an exception that
unwinds it; a call stuck in C ends the run with that check's verdict; later checks are skipped either way
(the code hung); the learner's code cannot install a signal handler, and is told why."""

import textwrap
import time
from pathlib import Path

from checker.catalog import Catalog
from checker.runner import run_suite

LEARNER = '''
import _thread, asyncio, signal, threading, time


def spin():
    try:
        while True:
            pass
    finally:
        print("unwound")


def stuck():
    time.sleep(120)


def handler():
    signal.signal(signal.SIGUSR1, lambda *a: None)


def old_style_loop():
    return asyncio.get_event_loop()


def interrupt_main():
    thread = threading.Thread(target=_thread.interrupt_main)
    thread.start()
    thread.join()
    return "still here"
'''


def kata_with(root: Path, suite: str):
    kata = root / "katas/92_limits"
    kata.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (kata / "limits.py").write_text(LEARNER)
    (kata / "kata.toml").write_text('id = "92"\nslug = "limits"\nfile = "limits.py"\npoints = 1\n'
                                    'timeout_s = 30\ncheck_timeout_s = 1\n[title]\nen = "L"\nfr = "L"\n')
    (root / "tests/katas/92_limits").mkdir(parents=True)
    (root / "tests/katas/92_limits/test_limits.py").write_text(textwrap.dedent(suite))
    return Catalog(root).get("92")


def test_python_code_past_its_limit_is_stopped_by_an_exception_that_unwinds_it(tmp_path):
    kata = kata_with(tmp_path, '''
        def test_spin(learner):
            """spin"""
            learner.spin()

        def test_after(learner):
            """after"""
    ''')
    report = run_suite(kata, kata.learner_file, "en")
    assert [(c.name, c.status, c.code) for c in report.checks] == [("spin", "failed", "timeout"),
                                                                   ("after", "skipped", None)]
    assert "limits.py:7 (while True:)" in report.checks[0].message  # where the loop was
    assert "unwound" in report.checks[0].output  # its `finally` ran: an exception, not the run's end


def test_a_call_stuck_in_c_ends_the_run_with_its_verdict_and_later_checks_skipped(tmp_path):
    kata = kata_with(tmp_path, '''
        def test_stuck(learner):
            """stuck"""
            learner.stuck()

        def test_after(learner):
            """after"""
    ''')
    started = time.monotonic()
    report = run_suite(kata, kata.learner_file, "en")
    assert time.monotonic() - started < 20  # the limit and its grace, not the sleep's 120 s
    assert [(c.name, c.status, c.code) for c in report.checks] == [("stuck", "failed", "timeout"),
                                                                   ("after", "skipped", None)]
    assert "(time.sleep(120))" in report.checks[0].message
    assert "stuck" in report.checks[1].message  # skipped because that check hung


def test_the_learners_code_cannot_install_a_signal_handler_and_is_told_why(tmp_path):
    kata = kata_with(tmp_path, '''
        def test_handler(learner):
            """handler"""
            learner.handler()
    ''')
    for lang, words in (("en", "signal handler"), ("fr", "gestionnaire de signal")):
        report = run_suite(kata, kata.learner_file, lang)
        (check,) = report.checks
        assert check.code == "crash" and words in check.message, check.message


def test_asking_for_the_current_loop_outside_one_is_told_as_python_3_14_does(tmp_path):
    kata = kata_with(tmp_path, '''
        def test_loop(learner):
            """loop"""
            learner.old_style_loop()
    ''')
    for lang, words in (("en", "asyncio.run(...), which creates the loop"), ("fr", "depuis python 3.14")):
        report = run_suite(kata, kata.learner_file, lang)
        (check,) = report.checks
        assert check.code == "crash" and words in check.message.lower(), check.message


def test_interrupting_the_main_thread_changes_nothing(tmp_path):
    kata = kata_with(tmp_path, '''
        def test_interrupt(learner):
            """interrupt"""
            assert learner.interrupt_main() == "still here"

        def test_after(learner):
            """after"""
    ''')
    report = run_suite(kata, kata.learner_file, "en")
    assert report.passed, report.checks
