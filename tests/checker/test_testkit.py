"""The toolkit of the hidden suites (checker/child/testkit.py and its kit_* modules), in-process and fast:
no real waiting, no timing bound (the clocks of the trackers here are the tests' own counters)."""

from __future__ import annotations

import asyncio
import importlib
import threading
from pathlib import Path

import pytest

from checker.child import testkit
from checker.child.testkit import (KataFailure, Tracker, call_with_deadline, learner_line, number,
                                   require_coroutine_function, require_plain_function, run_with_deadline,
                                   seconds, show, shown, start_call)
from checker.timeline import Timeline


class Loud:
    def __repr__(self):  # a learner's object: its __repr__ must never run
        raise AssertionError("the learner's __repr__ ran")


# --- numbers and durations -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, lang, places, text", [
    (1.5, "en", None, "1.5"), (1.5, "fr", None, "1,5"), (15.0, "en", None, "15.0"), (15, "fr", None, "15"),
    (0.25, "fr", None, "0,25"), (0.12345, "en", None, "0.123"), (2.9999, "en", None, "3.0"),
    (-0.0001, "en", None, "0.0"), (None, "fr", None, "?"), (0.5, "en", 2, "0.50"), (0.31234, "fr", 3, "0,312"),
    (True, "en", None, "1"),
])
def test_number_is_written_as_the_language_writes_it(value, lang, places, text):
    assert number(value, lang, places) == text


def test_seconds_add_the_unit_after_a_space_in_both_languages():
    assert seconds(1.5) == "1.5 s"
    assert seconds(1.5, "fr") == "1,5 s"
    assert seconds(0.3123, "fr", places=2) == "0,31 s"
    assert seconds(None) == "? s"


# --- show and shown -------------------------------------------------------------------------------------

def test_show_never_runs_the_learners_repr_and_cuts_long_lists():
    assert show([1, Loud(), "a"]) == "[1, <Loud object>, 'a']"
    assert show(list(range(20))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]"
    assert show((1,)) == "(1,)"
    assert show({"a": Loud()}) == "{'a': <Loud object>}"
    assert show(str.__new__(type("Sneaky", (str,), {}), "x")) == "<Sneaky object>"


def test_show_writes_an_exception_as_its_type_and_own_arguments():
    class Hostile(Exception):
        args = property(lambda self: Loud())

        def __str__(self):
            raise AssertionError("the learner's __str__ ran")

    assert show(ValueError("no", 3)) == "ValueError('no', 3)"
    assert show(Hostile(Loud())) == "Hostile(<Loud object>)"
    assert show([KeyError("k")]) == "[KeyError('k')]"
    assert show(TimeoutError()) == "TimeoutError"


def test_shown_cuts_a_list_in_a_message_at_six_items_or_the_limit_given():
    assert shown(list(range(10))) == "[0, 1, 2, 3, 4, 5, ...]"
    assert shown([Loud()] * 3, limit=2) == "[<Loud object>, <Loud object>, ...]"
    assert shown("text") == "'text'"


# --- the learner's line ---------------------------------------------------------------------------------

def test_learner_line_names_the_innermost_line_of_the_learners_file(tmp_path, monkeypatch):
    path = tmp_path / "mine_kit_line.py"
    path.write_text("def inner():\n    raise ValueError('no')\n\ndef outer():\n    inner()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("mine_kit_line")
    with pytest.raises(ValueError) as caught:
        module.outer()
    assert learner_line(caught.value, module) == "mine_kit_line.py:2: raise ValueError('no')"
    assert learner_line(caught.value, str(path)) == "mine_kit_line.py:2: raise ValueError('no')"
    try:
        raise KeyError("elsewhere")
    except KeyError as exc:
        assert learner_line(exc, module) is None


# --- calls with a deadline ------------------------------------------------------------------------------

def test_call_with_deadline_gives_the_value_the_error_or_hung():
    returned = call_with_deadline(lambda a, b: a + b, 2, 3, timeout=5.0)
    assert (returned.kind, returned.value, returned.result()) == ("returned", 5, 5)

    def boom():
        raise ValueError("learner's")
    raised = call_with_deadline(boom, timeout=5.0)
    assert raised.kind == "raised" and isinstance(raised.error, ValueError)
    with pytest.raises(ValueError, match="learner's"):
        raised.result()

    release = threading.Event()
    hung = call_with_deadline(release.wait, timeout=0.01)
    assert hung.kind == "hung" and hung.hung and hung.thread.daemon and hung.thread.is_alive()
    with pytest.raises(RuntimeError):
        hung.result()
    release.set()
    hung.thread.join(5)


def test_start_call_lets_the_suite_watch_before_it_decides():
    release = threading.Event()
    call = start_call(release.wait, name="kata-watched")
    assert call.thread.name == "kata-watched" and not call.wait(0.01) and call.outcome().hung
    release.set()
    assert call.wait(5) and call.outcome() == call.outcome() and call.outcome().value is True


def test_run_with_deadline_turns_a_hang_into_a_deadlock_verdict():
    release = threading.Event()
    with pytest.raises(KataFailure) as caught:
        run_with_deadline(release.wait, timeout=0.01, what={"en": "transfer()", "fr": "virement()"})
    release.set()
    assert caught.value.code == "deadlock"
    assert caught.value.texts["en"].startswith("transfer() had not returned after 0.01 s")
    assert caught.value.texts["fr"].startswith("virement() n'avait pas rendu la main")
    assert run_with_deadline(lambda x: x * 2, 21, timeout=5.0, what="double") == 42


# --- the tracker ----------------------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_tracker_counts_coroutines_in_flight_at_once_and_sequentially():
    async def task(name, gate):
        await gate.wait()
        return f"result of {name}"

    async def together():
        gate = asyncio.Event()
        tracker = Tracker()
        tracked = tracker.wrap(task)
        running = [asyncio.create_task(tracked(f"task {i}", gate)) for i in range(1, 4)]
        await asyncio.sleep(0)
        gate.set()
        return tracker, await asyncio.gather(*running)

    async def one_by_one():
        gate = asyncio.Event()
        gate.set()
        tracker = Tracker()
        tracked = tracker.wrap(task)
        return tracker, [await tracked(f"task {i}", gate) for i in range(1, 4)]

    tracker, results = asyncio.run(together())
    assert results == ["result of task 1", "result of task 2", "result of task 3"]
    assert tracker.max_in_flight() == 3 and not tracker.running()
    assert [span.outcome for span in tracker.spans] == ["returned"] * 3
    tracker, _ = asyncio.run(one_by_one())
    assert tracker.max_in_flight() == 1 and [args[0] for args in tracker.calls()] == ["task 1", "task 2", "task 3"]


def test_tracker_wrap_keeps_the_kind_and_name_and_records_how_calls_ended():
    tracker = Tracker(clock=Clock())

    async def task(name):
        await asyncio.sleep(10)

    def plain(x):
        raise ValueError(x)

    tracked = tracker.wrap(task)
    assert asyncio.iscoroutinefunction(tracked) and tracked.__name__ == "task"
    assert not asyncio.iscoroutinefunction(tracker.wrap(plain)) and tracker.wrap(plain, name="f").__name__ == "f"
    with pytest.raises(ValueError):
        tracker.wrap(plain)("bad")

    async def cancel_it():
        running = asyncio.create_task(tracked("late"))
        await asyncio.sleep(0)
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)

    asyncio.run(cancel_it())
    assert [(span.name, span.outcome) for span in tracker.spans] == [("bad", "raised"), ("late", "cancelled")]
    assert tracker.max_in_flight() == 1 and tracker.in_flight == 0


def test_tracker_counts_threads_and_runs_the_hooks_in_the_calls_thread():
    tracker = Tracker("wall")
    barrier = threading.Barrier(3, timeout=5)
    seen = []
    tracked = tracker.wrap(lambda name: name.upper(), name="task", before=lambda span: barrier.wait(),
                           after=lambda span: seen.append(span.thread is threading.current_thread()))
    threads = [threading.Thread(target=tracked, args=(f"t{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert tracker.max_in_flight() == 3 and seen == [True] * 3
    assert {span.thread for span in tracker.spans} == set(threads)


def test_tracker_timeline_and_rows_read_in_both_languages():
    clock = Clock()
    tracker = Tracker(clock=clock)
    clock.t = 10.0
    first = tracker.begin("task 1", ("task 1", 1.0))
    second = tracker.begin(("odd", Loud()))
    clock.t = 11.5
    tracker.finish(first)
    assert tracker.timeline("en", origin=10.0) == "task 1 0.0→1.5 s, ('odd', <Loud object>) 0.0→never ended"
    assert tracker.timeline("fr", origin=10.0) == "task 1 0,0→1,5 s, ('odd', <Loud object>) 0,0→jamais finie"
    assert tracker.rows(origin=10.0) == [("task 1", 0.0, 1.5), ("('odd', <Loud object>)", 0.0, None)]
    assert tracker.running() == [second]
    timeline = Timeline()
    tracker.draw(timeline, origin=10.0)
    assert [(s.name, s.start, s.end) for s in timeline.spans] == [("task 1", 0.0, 1.5),
                                                                  ("('odd', <Loud object>)", 0.0, 1.5)]
    assert Tracker().timeline("fr") == "aucune tâche"


def test_tracker_draws_running_calls_to_the_last_time_seen_once_the_loop_is_closed():
    async def run():
        tracker = Tracker()
        tracker.begin("left running")
        await asyncio.sleep(0)
        tracker.finish(tracker.begin("ended"))
        return tracker

    tracker = asyncio.run(run())
    timeline = Timeline()
    tracker.draw(timeline)
    assert [s.name for s in timeline.spans] == ["left running", "ended"]
    assert timeline.clock == "loop" and timeline.spans[0].end == max(s.end for s in timeline.spans)


def test_tracker_timeline_names_threads_and_cuts_at_the_limit():
    clock = Clock()
    tracker = Tracker(clock=clock)
    caller = threading.current_thread()
    tracker.finish(tracker.begin("a"))
    worker = threading.Thread(target=lambda: tracker.finish(tracker.begin("b")))
    worker.start()
    worker.join(5)
    assert tracker.timeline("en", caller=caller) == "a 0.0→0.0 s (calling thread), b 0.0→0.0 s (thread 1)"
    assert tracker.timeline("fr", limit=1, caller=caller) == "a 0,0→0,0 s (thread appelant), …"


# --- the toolkit as a whole -----------------------------------------------------------------------------

def test_testkit_exports_what_the_readme_documents():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Writing a hidden suite", 1)[1].split("\n### ", 1)[0]
    for name in testkit.__all__:
        assert getattr(testkit, name) is not None
        assert f"`{name}" in section, f"README's 'Writing a hidden suite' does not document {name}"


def test_no_toolkit_module_is_over_300_lines():
    child = Path(testkit.__file__).parent
    for path in [child / "testkit.py", *sorted(child.glob("kit_*.py"))]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_first_checks_of_a_functions_kind():
    module = type("M", (), {"run": staticmethod(lambda: None)})
    with pytest.raises(KataFailure) as caught:
        require_coroutine_function(module, "run")
    assert caught.value.code == "not-a-coroutine"

    async def main():
        pass
    module.main = main
    with pytest.raises(KataFailure) as caught:
        require_plain_function(module, "main", en="Expected: `def main()`.", fr="Attendu : `def main()`.")
    assert caught.value.code == "wrong-result" and caught.value.texts["en"].endswith("Expected: `def main()`.")
    assert require_plain_function(module, "run") is module.run
