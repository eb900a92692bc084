"""The ledger (checker/child/kit_ledger.py) and the Tracker's use of it: what a measurement records is written by
the measuring code's own frames only; anything else latches `tampered`, and what is read is a copy."""

import asyncio
import sys
import threading

import pytest

from checker.child import audit
from checker.child.kit_ledger import Ended, Keeper, Ledger, nested, read_only, sender
from checker.child.kit_track import STAND_INS, Tracker
from checker.child.kit_verdicts import KataFailure


@pytest.fixture
def latched(monkeypatch):
    """The tampers latched during the test (the audit hook is not installed here: its latch is watched)."""
    seen: list[str] = []
    monkeypatch.setattr(audit, "latch", seen.append)
    return seen


def _elsewhere(source: str, name: str, **names):
    """A function compiled as if from a learner's file (not the test's, not the checker's)."""
    scope = dict(names)
    exec(compile(source, "/tmp/learner_elsewhere.py", "exec"), scope)
    return scope[name]


def count(ledger, n=1):
    return ledger.write(("add", "count", n), ("append", "log", n))


def outer(ledger):
    return inner(ledger)


def inner(ledger):
    return ledger.write(("add", "count", 1))


def test_a_writer_writes_and_anyone_reads_copies(latched):
    ledger = Ledger(count)
    assert count(ledger) == [1, 0] and count(ledger, 2) == [3, 1] and count(ledger, -3) == [0, 2]
    assert ledger.read("count") == 0 and ledger.peak("count") == 3
    log = ledger.read("log")
    assert log == (1, 2, -3) and type(log) is tuple
    assert ledger.read("missing", "default") == "default" and ledger.reads("count", "log") == [0, (1, 2, -3)]
    assert latched == []


def test_a_write_from_any_other_code_latches_tampered_and_changes_nothing(latched):
    ledger = Ledger(count)
    with pytest.raises(KataFailure) as failure:
        ledger.write(("add", "count", 5))  # this test is not a writer
    assert failure.value.code == "tampered" and latched
    latched.clear()
    forged = _elsewhere("def forge(ledger):\n    return ledger.write(('put', 'count', 9))\n", "forge")
    with pytest.raises(KataFailure):
        forged(ledger)
    assert ledger.read("count") is None and latched


def test_the_generator_sent_to_thrown_into_or_closed_by_hand_latches_tampered(latched):
    ledger = Ledger(count)
    send = ledger[0]
    assert send(((("add", "count", 5),), True))[0] is False and latched  # not through Ledger.write: no raise,
    latched.clear()                                                     # but latched
    assert send(((("read", "count", None), ("put", "count", 5)), False))[0] is False and latched  # a write
    latched.clear()                                                                         # sent as a read
    with pytest.raises(KataFailure):
        ledger._ask((("read", "log", None), ("append", "log", 5)))
    assert latched
    latched.clear()
    assert send([("put", "count", 5)])[0] is False and latched  # not what write sends
    latched.clear()
    with pytest.raises(KataFailure):
        ledger.read(["a key of the learner's"])  # keys are exact str: no object's __hash__ runs in the generator
    assert latched
    assert ledger.read("count") is None and ledger.read("log") is None
    latched.clear()
    with pytest.raises(KataFailure):
        ledger._ask((("add", "count", 5),))  # a write sent as a read
    assert latched
    latched.clear()
    assert send.__self__.throw(RuntimeError("forget"))[0] is False and latched
    assert ledger.read("count") is None
    latched.clear()
    send.__self__.close()
    with pytest.raises(KataFailure):
        ledger.read("count")  # a closed ledger answers nothing
    assert latched


def test_a_writer_of_a_path_writes_only_when_called_by_the_rest_of_the_path(latched):
    ledger = Ledger((inner, outer))
    assert outer(ledger) == [1] and latched == []
    with pytest.raises(KataFailure):
        inner(ledger)  # the writer, called by someone else
    assert ledger.read("count") == 1 and latched


def test_nested_finds_the_code_of_functions_defined_inside():
    def maker():
        def made():
            def deeper():
                pass
            return deeper
        return made

    assert [code.co_name for code in nested(maker, "made")] == ["made"]
    assert [code.co_name for code in nested(maker, "deeper")] == ["deeper"]
    assert maker().__code__ is nested(maker, "made")[0]
    assert {code.co_name for code in STAND_INS} == {"tracked"} and len(STAND_INS) == 2


def test_the_stand_in_records_honestly_and_its_records_cannot_be_rebound(latched):
    async def task(name):
        await asyncio.sleep(0)
        return name

    tracker = Tracker()
    tracked = tracker.wrap(task)

    async def main():
        return await asyncio.gather(*(tracked(f"task {i}") for i in range(3)))

    assert asyncio.run(main()) == ["task 0", "task 1", "task 2"]
    assert tracker.max_in_flight() == 3 and tracker.in_flight == 0 and latched == []
    spans = tracker.spans
    assert type(spans) is tuple and [span.outcome for span in spans] == ["returned"] * 3
    for rebind in (lambda: setattr(tracker, "peak", 9), lambda: setattr(tracker, "spans", []),
                   lambda: setattr(spans[0], "end", None), lambda: spans.append(spans[0])):
        with pytest.raises((AttributeError, TypeError)):
            rebind()
    assert tracker.max_in_flight() == 3 and len(tracker.spans) == 3


def test_begin_finish_and_wrap_from_a_learners_file_latch_tampered(latched):
    tracker = Tracker("wall")
    stand_in = tracker.wrap(lambda item: item, name="fetch")
    for what in ("tracker.begin('forged', ('forged',), {})", "tracker.finish(tracker.spans[0])",
                 "tracker.wrap(lambda item: item)"):
        forge = _elsewhere(f"def forge(tracker):\n    return {what}\n", "forge")
        if "finish" in what:
            tracker.begin("honest")  # by the test, the tracker's maker: allowed
        with pytest.raises(KataFailure) as failure:
            forge(tracker)
        assert failure.value.code == "tampered" and latched
        latched.clear()
    assert [span.name for span in tracker.spans] == ["honest"]
    assert stand_in("item") == "item" and tracker.spans[-1].name == "item"  # the learner calling it: honest
    assert latched == []
    with pytest.raises(KataFailure):
        tracker[0].read("_stand-ins")  # the stand-ins' functions and hooks (the suite's probes in their closures)
    assert latched


def test_the_stand_ins_closure_rewritten_records_nothing_for_the_suite(latched):
    """The cells of a closure can be rewritten with no audit event: pointed at a ledger of the learner's, the
    stand-in records there, never in the suite's tracker; the clock and the function are not in its cells."""
    tracker, own = Tracker("wall"), Tracker("wall")
    stand_in = tracker.wrap(lambda item: item, name="fetch")
    contents = [cell.cell_contents for cell in stand_in.__closure__]
    assert not any(callable(held) and not isinstance(held, tuple) for held in contents)  # no clock, no func
    for cell in stand_in.__closure__:
        if type(cell.cell_contents) is Ledger:
            cell.cell_contents = own[0]
    with pytest.raises((KataFailure, TypeError)):  # the learner's ledger has no such stand-in
        stand_in("x")
    assert tracker.spans == () and tracker.max_in_flight() == 0


def test_tracker_records_from_threads_at_once(latched):
    tracker = Tracker("wall")
    barrier = threading.Barrier(4)
    tracked = tracker.wrap(lambda name: name, before=lambda span: barrier.wait())
    threads = [threading.Thread(target=tracked, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert tracker.max_in_flight() == 4 and len(tracker.spans) == 4 and latched == []


def test_read_only_data_cannot_be_changed_all_the_way_down():
    data = read_only({"cases": [1.0, [2.0, 3.0]], "key": {1: {"answer": "x", "notes": {}}}})
    for change in (lambda: data.__setitem__("cases", []), lambda: data["key"][1].__setitem__("answer", "y"),
                   lambda: data["key"][1]["notes"].update(x=1), lambda: data["cases"].append(4.0),
                   lambda: data["cases"][1].clear()):
        with pytest.raises((TypeError, AttributeError)):
            change()
    assert data["cases"] == (1.0, (2.0, 3.0)) and data["key"][1]["answer"] == "x" and list(data) == ["cases", "key"]


def test_a_keeper_tells_its_generator_who_sent_and_says_when_it_has_ended():
    def store():
        seen = []
        own = sys._getframe(0)
        while True:
            message = yield len(seen)
            frame = sender(own)
            seen.append(frame.f_code.co_name if frame is not None else None)
            if message == "stop":
                return tuple(seen)

    keeper = Keeper(store())

    def told_by_me():
        return keeper.send("hello")

    assert told_by_me() == 1
    assert keeper[0]("by hand") == 2  # its bound send, called directly: no sender
    ended = keeper.send("stop")
    assert type(ended) is Ended and ended.value[:2] == ("told_by_me", None)
    assert type(keeper.send("again")) is Ended and keeper.send("again").value is None
    fake = type("Frame", (), {"f_back": None, "f_code": Keeper.send.__code__})()
    fake.f_back = type("Frame", (), {"f_back": sys._getframe(0), "f_code": Keeper.send.__code__})()
    assert sender(fake) is None  # only a real frame is read: an object that says it is one tells nothing


def test_pythons_own_library_is_the_base_interpreters_not_the_venvs_site_packages():
    """caller_file looks through Python's own frames: in a virtual environment, the venv's lib/pythonX.Y holds
    site-packages, where an installed checker lives (an exported repository's): its frames are not Python's."""
    import sysconfig

    from checker.child import kit_ledger

    installed = sysconfig.get_paths()["purelib"] + "/"
    assert not any(installed.startswith(own) for own in kit_ledger.STDLIB), (installed, kit_ledger.STDLIB)
    assert any(threading_file.startswith(own) for own in kit_ledger.STDLIB
               for threading_file in [__import__("threading").__file__])
