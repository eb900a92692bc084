"""What the suites of threads and processes share (checker/child/threadkit.py), in-process and fast: the waits
here are Events and short timeouts, never a timing bound."""

from __future__ import annotations

import hashlib
import threading
import time
import types
from pathlib import Path

import pytest

from checker.child.testkit import JoinProbe, KataFailure, Tracker
from checker.child.threadkit import (Rendezvous, error_chain, error_line, fail_not_joined, grouped, not_waited_for, require_class, require_top_level,
                                     thread_hooks)


def test_a_rendezvous_lets_its_callers_go_together_once_all_have_arrived():
    rendezvous = Rendezvous(3, patience=60.0)  # never reached: the third arrival releases them
    passed = []
    threads = [threading.Thread(target=lambda: (rendezvous.arrive(), passed.append(1))) for _ in range(2)]
    for thread in threads:
        thread.start()
    threads[0].join(0.05)
    assert passed == []  # two of three: still waiting
    rendezvous.arrive()
    for thread in threads:
        thread.join(5.0)
    assert passed == [1, 1] and not rendezvous.gave_up


def test_a_rendezvous_gives_up_once_then_nobody_waits_any_more():
    rendezvous = Rendezvous(3, patience=0.01)
    rendezvous.arrive()  # alone: gives up after its patience
    assert rendezvous.gave_up
    done = threading.Event()
    thread = threading.Thread(target=lambda: (rendezvous.arrive(), done.set()))
    thread.start()
    assert done.wait(5.0)  # the next caller goes straight on
    assert Rendezvous(0).arrive() is None  # an empty batch never waits


def calls_in_flight(between_starts) -> int:
    """Three tracked calls started one after the other by this thread, `between_starts()` between two starts,
    then joined: how many were ever in flight at once."""
    tracker = Tracker("wall")
    work = tracker.wrap(lambda: None, name="task", **thread_hooks(rendezvous=Rendezvous(3, patience=0.2)))
    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
        between_starts(thread)
    for thread in threads:
        thread.join(10.0)
    return tracker.max_in_flight()


def spin(seconds: float):
    def between(thread):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:  # Python lines: the caller makes progress
            pass
    return between


def test_a_caller_still_busy_starting_its_threads_is_waited_for_beyond_the_patience():
    # what a busy machine does to a right answer: the next start() comes late, but the caller is running
    assert calls_in_flight(spin(0.5)) == 3


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="a thread's state is read in /proc")
def test_a_caller_in_a_long_call_outside_python_is_waited_for_too():
    data = bytes(64 * 1024 * 1024)  # hashing it runs in C, without the GIL: the thread is running, no line moves

    def between(thread):
        started = time.monotonic()
        while time.monotonic() - started < 0.5:
            hashlib.sha256(data).digest()
    assert calls_in_flight(between) == 3


def test_a_caller_that_joins_or_sleeps_between_starts_makes_the_calls_go_one_at_a_time():
    assert calls_in_flight(lambda thread: thread.join(10.0)) == 1
    assert calls_in_flight(lambda thread: time.sleep(0.5)) == 1


def test_thread_hooks_meet_settle_and_let_a_probe_catch_a_thread_nobody_joined():
    caller = threading.current_thread()
    probe = JoinProbe(caller, extra=(0.0, 0.0), cap=5.0)
    tracker = Tracker("wall")
    seen = []
    work = tracker.wrap(lambda name: seen.append(name), name="task",
                        **thread_hooks(probe, Rendezvous(2, patience=60.0), joins=lambda span: span.name != "mine"))
    work("mine")  # in the caller: not in the rendezvous, never held
    threads = [threading.Thread(target=work, args=(f"t{i}",), daemon=True) for i in range(2)]
    for thread in threads:
        thread.start()
    threads[0].join(5.0)  # one joined, the other never waited for
    left = not_waited_for(tracker, probe)
    probe.returned()
    threads[1].join(5.0)
    assert sorted(seen) == ["mine", "t0", "t1"]
    assert [span.name for span in left] == ["t1"]
    assert tracker.max_in_flight() == 2


def test_not_waited_for_is_empty_when_every_thread_was_joined():
    probe = JoinProbe(threading.current_thread(), extra=(0.0, 0.0), cap=5.0)
    tracker = Tracker("wall")
    work = tracker.wrap(lambda: None, name="task", **thread_hooks(probe))
    threads = [threading.Thread(target=work, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5.0)
    assert not_waited_for(tracker, probe) == []
    probe.returned()


def test_require_top_level_tells_a_function_under_the_main_guard_from_a_missing_one(tmp_path: Path):
    path = tmp_path / "mod.py"
    path.write_text("if __name__ == '__main__':\n    def work(n):\n        return n\n", encoding="utf-8")
    module = types.SimpleNamespace(__file__=str(path))
    with pytest.raises(KataFailure) as under_main:
        require_top_level(module, "work")
    assert under_main.value.code == "spawn-unsafe" and "__main__" in under_main.value.texts["fr"]
    with pytest.raises(KataFailure) as missing:
        require_top_level(module, "other")
    assert missing.value.code == "wrong-result"
    module.work = len
    assert require_top_level(module, "work") is len


def test_require_class_names_what_it_found_without_running_its_repr():
    class Loud:
        def __repr__(self):
            raise AssertionError("the learner's __repr__ ran")

    module = types.SimpleNamespace(Account=Loud(), Good=dict)
    with pytest.raises(KataFailure) as failure:
        require_class(module, "Account", en="Keep it.", fr="Gardez-le.")
    assert failure.value.code == "wrong-result"
    assert failure.value.texts["en"].endswith("not a class. Keep it.")
    assert require_class(module, "Good") is dict


def test_grouped_writes_thousands_as_each_language_does():
    assert grouped(1_500_000) == "1,500,000"
    assert grouped(1_500_000, "fr") == "1\u202f500\u202f000"
    assert grouped(-999, "fr") == "-999"


def test_fail_not_joined_lists_at_most_four_calls_and_says_what_was_lost_in_both_languages():
    tracker = Tracker("wall")
    spans = [tracker.begin(f"task {i}") for i in range(6)]
    with pytest.raises(KataFailure) as failure:
        fail_not_joined(("wait_all() returned []", "wait_all() a renvoyé []"), spans, 6, ("tasks", "tâches"),
                        ("results can be missing", "des résultats peuvent manquer"), ("build the list", "la liste"))
    en, fr = failure.value.texts["en"], failure.value.texts["fr"]
    assert failure.value.code == "not-joined"
    assert en.startswith("wait_all() returned [] while the threads of 6 of its 6 tasks had not finished (task 0 in ")
    assert "task 3 in " in en and "task 4" not in en and ", …)" in en and en.endswith("then build the list.")
    assert "task 0 dans " in fr and "des résultats peuvent manquer" in fr


def test_error_chain_follows_causes_as_plain_data_and_error_line_says_the_first():
    try:
        try:
            undefined_name  # noqa: F821
        except NameError as inner:
            raise RuntimeError("wrapped\nsecond line") from inner
    except RuntimeError as exc:
        chain = error_chain(exc)
    assert [e["type"] for e in chain] == ["RuntimeError", "NameError"]
    assert chain[1]["name"] == "undefined_name" and chain[0]["name"] is None
    assert error_line(chain) == "RuntimeError: wrapped"
    assert error_line(chain, "mine.py:3: x") == "RuntimeError: wrapped (mine.py:3: x)"
    assert error_line([]) == "Exception" and error_chain(None) == []
    looping = ValueError("loop")
    looping.__context__ = looping
    assert len(error_chain(looping)) == 1


def test_a_probe_says_when_it_let_the_last_thread_go_which_a_measured_number_must_cover():
    probe = JoinProbe(threading.current_thread(), extra=(0.0, 0.0), cap=5.0)
    tracker = Tracker("wall")
    work = tracker.wrap(lambda: None, name="task", **thread_hooks(probe))
    threads = [threading.Thread(target=work, daemon=True) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # nobody waits for them yet: each is held where it ends
    joined = time.perf_counter()
    for thread in threads:
        thread.join(5.0)
    end = time.perf_counter()
    probe.returned()
    last_work = max(span.end for span in tracker.spans)
    # the work ended at once, the threads were let go only once joined: a right answer's clock, read after its
    # joins, covers the release, not only the work (kata 08's run_threads bound)
    assert last_work + 0.15 < joined <= probe.last_release <= end
