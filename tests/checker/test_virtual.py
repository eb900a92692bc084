"""Virtual time (checker/child/virtual.py), in-process: every loop a run makes is virtual, whichever way the
code makes it, with no event-loop policy (Python 3.14 deprecates them), and what it replaced is put back; the loop
timed is the one the check asked for, and a run in which any other loop turned fails."""

import asyncio
import collections.abc
import concurrent.futures
import threading
import warnings

import pytest

from checker.child.kit_verdicts import KataFailure
from checker.child.virtual import LoopEndReached, Virtual

ORIGINAL = asyncio.events.new_event_loop


async def nap(seconds: float) -> float:
    await asyncio.sleep(seconds)
    return seconds


def by_runner() -> float:
    with asyncio.Runner() as runner:
        return runner.run(nap(7))


def by_new_event_loop() -> float:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(nap(9))
    finally:
        loop.close()


@pytest.mark.parametrize("make, seconds", [(lambda: asyncio.run(nap(5)), 5), (by_runner, 7), (by_new_event_loop, 9)])
def test_every_way_of_making_a_loop_runs_in_virtual_time_without_a_deprecated_call(make, seconds):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        run = Virtual(__file__)(make)
    assert run.result == seconds and run.elapsed == pytest.approx(seconds) and run.loops == 1
    assert asyncio.events.new_event_loop is ORIGINAL and asyncio.new_event_loop is ORIGINAL


def test_a_run_past_its_end_of_virtual_time_stops():
    with pytest.raises(LoopEndReached):
        Virtual(__file__).run(nap, 7200)
    assert asyncio.events.new_event_loop is ORIGINAL


def test_a_replacement_made_by_the_code_under_test_is_left_for_the_tamper_guard_to_see():
    def fake():
        return ORIGINAL()

    def tamper():
        asyncio.events.new_event_loop = fake

    try:
        Virtual(__file__)(tamper)
        assert asyncio.events.new_event_loop is fake  # not hidden by the clean-up
        assert asyncio.new_event_loop is ORIGINAL
    finally:
        asyncio.events.new_event_loop = ORIGINAL


# --- which loop is timed: the one the check asked for, never a decoy ------------------------------------------

def decoy(seconds: float, made_here: bool = True) -> None:
    """A loop whose virtual clock reads `seconds` in no real time, run in a short-lived thread."""
    def run(loop):
        loop.run_until_complete(asyncio.sleep(seconds))
        loop.close()

    if made_here:
        waiter = threading.Thread(target=run, args=(asyncio.new_event_loop(),))
    else:
        waiter = threading.Thread(target=lambda: asyncio.run(asyncio.sleep(seconds)))
    waiter.start()
    waiter.join()


def untimed(call) -> str:
    with pytest.raises(KataFailure) as failure:
        call(Virtual(__file__))
    assert failure.value.code == "wrong-timing" and failure.value.texts["fr"]
    return failure.value.texts["en"]


def test_a_decoy_loop_made_inside_the_run_is_not_timed_and_fails_the_run():
    async def waits_little(duration):
        await asyncio.sleep(0.3)
        decoy(duration)  # its clock reads `duration`, and it is the last loop made

    message = untimed(lambda virtual: virtual.run(waits_little, 2.0))
    assert "made or run inside the running loop" in message and "its clock at 2 s" in message
    assert "test_virtual.py:" in message  # the line that made it


def test_the_run_is_timed_by_its_own_loop_even_when_a_loop_made_first_never_runs():
    def main():
        asyncio.new_event_loop().close()  # made first, never run: nothing to time, nothing wrong
        return asyncio.run(nap(2))

    run = Virtual(__file__)(main)
    assert run.result == 2 and run.elapsed == pytest.approx(2) and run.loops == 1


def test_a_loop_made_by_fn_but_run_in_another_thread_is_not_counted():
    def main():
        decoy(1.0)
        return "result of kata"

    assert "made or run in another thread" in untimed(lambda virtual: virtual(main))


def test_asyncio_run_in_a_worker_thread_is_not_the_loop_fn_runs():
    def main():
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, nap(1.0)).result()

    assert "made or run in another thread" in untimed(lambda virtual: virtual(main))


def test_a_second_loop_run_after_the_first_makes_the_time_ambiguous():
    def main():
        result = asyncio.run(nap(0.25))
        asyncio.run(nap(0.75))  # before, the last loop's clock was read: 0.75; a sum would read 1.0
        return result

    message = untimed(lambda virtual: virtual(main))
    assert message.count("run before or after another one") == 2 and "its clock at 0.75 s" in message


def test_a_loop_that_only_runs_callbacks_in_a_thread_is_seen():
    def main():
        loop = asyncio.new_event_loop()
        loop.call_later(1.0, loop.stop)
        waiter = threading.Thread(target=loop.run_forever)
        waiter.start()
        waiter.join()
        loop.close()

    assert "made or run in another thread" in untimed(lambda virtual: virtual(main))


def test_a_loop_run_in_the_same_thread_inside_the_running_one_is_seen():
    async def nested(duration):
        outer = asyncio.events._get_running_loop()
        asyncio.events._set_running_loop(None)  # asyncio would refuse a loop inside a running one
        try:
            loop = asyncio.new_event_loop()
            loop.run_until_complete(asyncio.sleep(duration))
            loop.close()
        finally:
            asyncio.events._set_running_loop(outer)

    assert "made or run inside the running loop" in untimed(lambda virtual: virtual.run(nested, 1.0))


def test_a_loop_made_inside_the_run_and_run_after_it_in_the_same_thread_is_seen():
    stash = []

    async def make():
        stash.append(asyncio.new_event_loop())

    def main():
        asyncio.run(make())
        stash[0].run_until_complete(asyncio.sleep(1.0))
        stash[0].close()

    assert "made or run inside the running loop" in untimed(lambda virtual: virtual(main))


def test_the_spans_drawn_are_those_of_the_loop_timed():
    async def two():
        await asyncio.gather(nap(1), nap(2))

    virtual = Virtual(__file__)
    run = virtual.run(two)
    assert run.elapsed == pytest.approx(2) and [(s.start, s.end) for s in run.spans] == [(0, 1), (0, 2)]
    assert virtual.last_spans == run.spans


# --- the clock timed is looptime's, moved only while the loop waits ---------------------------------------------

def tampered(call) -> None:
    with pytest.raises(KataFailure) as failure:
        call(Virtual(__file__))
    assert failure.value.code == "tampered" and "loop.time()" in failure.value.texts["en"]


def test_a_clock_moved_by_hand_between_two_waits_is_seen():
    async def forward(seconds):
        await asyncio.sleep(0.25)
        loop = asyncio.get_running_loop()
        loop._LoopTimeEventLoop__now *= 2  # twice the time, whatever looptime's resolution
        await asyncio.sleep(0.25)

    tampered(lambda virtual: virtual.run(forward, 0.5))


def test_a_clock_moved_by_hand_after_the_last_wait_is_seen():
    def main():
        loop = asyncio.new_event_loop()
        loop.run_until_complete(nap(0.25))
        loop._LoopTimeEventLoop__now *= 4
        loop.close()

    tampered(lambda virtual: virtual(main))


def test_a_time_method_given_to_the_loop_is_seen():
    async def shadow():
        asyncio.get_running_loop().time = lambda: 1.0

    tampered(lambda virtual: virtual.run(shadow))


def test_the_time_of_a_run_is_the_time_its_loop_waited():
    async def waits():
        await asyncio.sleep(0.5)
        await asyncio.gather(nap(0.25), nap(1.25))

    run = Virtual(__file__).run(waits)
    assert run.elapsed == pytest.approx(1.75)


async def lingers(seconds: float) -> None:
    """Sleeps on through its cancellation, as a learner's background task can."""
    until = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < until:
        try:
            await asyncio.sleep(until - asyncio.get_running_loop().time())
        except asyncio.CancelledError:
            pass


def test_a_task_left_running_after_the_runs_coroutine_returned_adds_no_time():
    async def returns_at_once():
        asyncio.get_running_loop().create_task(lingers(3.0))
        return "at once"

    for run in (Virtual(__file__).run(returns_at_once), Virtual(__file__)(lambda: asyncio.run(returns_at_once()))):
        assert run.result == "at once" and run.elapsed == 0.0


def test_the_checker_reads_a_loops_clock_from_its_class_and_a_time_of_the_loops_own_is_tampered():
    from checker.child.kit_calls import loop_now

    async def shadows():
        loop = asyncio.get_running_loop()
        await asyncio.sleep(2.0)
        read = loop_now(loop)
        loop.time = lambda: 99.0  # a learner's shadow, which would take itself back at its first use
        try:
            loop_now(loop)
        except KataFailure as failure:
            return read, failure.code
        finally:
            del loop.time  # taken back before the loop waits again: the virtual clock alone would not see it
        return read, None

    assert Virtual(__file__).run(shadows).result == (2.0, "tampered")


# --- the records are the ledger's, out of reach; each wait is judged by what asyncio asked ------------------

def ledger_of(made) -> tuple:
    """The ledger (its generator) and its lock, as learner code finds them: its Keeper in the closure of what
    new_event_loop is, the generator behind the Keeper's bound send."""
    cells = dict(zip(made.__code__.co_freevars, (cell.cell_contents for cell in made.__closure__)))
    return cells["keeper"][0].__self__, cells["keeper"].lock


def test_new_event_loop_is_no_method_of_an_object_holding_the_records():
    seen = []

    async def look():
        seen.append(hasattr(asyncio.events.new_event_loop, "__self__"))
        await asyncio.sleep(0.5)

    assert Virtual(__file__).run(look).elapsed == pytest.approx(0.5) and seen == [False]


@pytest.mark.parametrize("message, names", [
    (("turn", None, 1.0), "the ledger of virtual time"), (("report",), "the ledger of virtual time"),
    (("made", None, None), "the ledger of virtual time"), ("not even a tuple", "the ledger of virtual time"),
    (("waited", None, None), "loop.time()"),  # a wait that ends with no turn before it
    (("turn", None, 1.0, "token"), "loop.time()")])  # a wait begun by hand, left open: asyncio's next is seen
def test_a_message_sent_to_the_ledger_by_other_code_is_tampered(message, names):
    async def forge():
        loop = asyncio.get_running_loop()
        ledger, lock = ledger_of(asyncio.events.new_event_loop)
        with lock:
            ledger.send(tuple(loop if part is None else part for part in message) if type(message) is tuple
                        else message)
        await asyncio.sleep(0.25)

    tampered_by(lambda virtual: virtual.run(forge), names)


@pytest.mark.parametrize("how", ["throw", "close"])
def test_a_ledger_thrown_into_or_closed_by_other_code_is_tampered(how):
    async def spoil():
        ledger, lock = ledger_of(asyncio.events.new_event_loop)
        with lock:
            try:
                ledger.throw(ValueError("no")) if how == "throw" else ledger.close()
            except RuntimeError:  # it ignores the close: the run still needs it
                pass
        await asyncio.sleep(0.25)

    tampered_by(lambda virtual: virtual.run(spoil), "the ledger of virtual time")


def tampered_by(call, names: str) -> None:
    with pytest.raises(KataFailure) as failure:
        call(Virtual(__file__))
    assert failure.value.code == "tampered" and names in failure.value.texts["en"]


def test_a_clock_moved_inside_a_wait_by_more_than_asyncio_asked_is_seen():
    async def inside(seconds):
        loop = asyncio.get_running_loop()
        real = loop._LoopTimeEventLoop__original_select

        def select(timeout=None):
            loop._LoopTimeEventLoop__now += round(seconds * 1_000_000)
            loop._LoopTimeEventLoop__original_select = real
            return real(timeout=timeout)

        loop._LoopTimeEventLoop__original_select = select
        await asyncio.sleep(0)  # a turn: asyncio asks for no wait at all

    tampered(lambda virtual: virtual.run(inside, 1.0))


def test_a_select_asked_for_by_other_code_than_asyncios_turn_is_seen():
    async def by_hand():
        loop = asyncio.get_running_loop()
        for _ in range(100):
            loop._selector.select(1.0)  # looptime would jump by 1 s after its idle turns

    tampered(lambda virtual: virtual.run(by_hand))


@pytest.mark.parametrize("name, value", [("end", 1_000_000), ("idle_step", 1_000_000), ("enabled", False),
                                         ("resolution_reciprocal", 2_000_000)])
def test_looptimes_state_rewritten_on_the_loop_is_seen(name, value):
    async def rewrite():
        loop = asyncio.get_running_loop()
        setattr(loop, f"_LoopTimeEventLoop__{name}", value)
        await asyncio.sleep(0.5)

    tampered(lambda virtual: virtual.run(rewrite))


def test_a_method_of_looptimes_shadowed_on_the_loop_is_seen():
    async def shadow():
        loop = asyncio.get_running_loop()
        loop._LoopTimeEventLoop__int2time = lambda ticks: ticks / 500_000  # a clock twice as fast
        await asyncio.sleep(0.5)

    tampered(lambda virtual: virtual.run(shadow))


def test_a_loop_made_and_never_run_is_never_timed_whatever_is_done_to_it():
    def main():
        loop = asyncio.new_event_loop()
        loop._LoopTimeEventLoop__now += 1_000_000  # its clock at 1 s: no wait moved it
        loop.close()
        return "result of kata"

    tampered(lambda virtual: virtual(main))
    run = Virtual(__file__)(lambda: asyncio.new_event_loop().close())
    assert run.loops == 0 and run.elapsed is None


def test_the_run_says_which_coroutines_ran_as_tasks_with_what_and_how_they_ended():
    async def fails(name):
        raise ValueError(name)

    async def gathers():
        asyncio.get_running_loop().create_task(nap(5))  # still running when the run ends: cancelled
        await asyncio.gather(nap(0.5), fails("x"), return_exceptions=True)

    run = Virtual(__file__).run(gathers)
    told = [(one.code.co_name, one.args, one.returned) for one in run.tasks]
    assert told == [("gathers", (), True), ("nap", (5,), False), ("nap", (0.5,), True), ("fails", ("x",), False)]


def test_an_object_that_only_says_it_is_a_coroutine_is_told_as_no_coroutine():
    class Fake(collections.abc.Coroutine):
        cr_code = nap.__code__

        def send(self, value):
            raise StopIteration("result of kata")

        def throw(self, *args):
            raise StopIteration

        def __await__(self):
            return self

    async def runs_fake():
        return await asyncio.ensure_future(Fake())

    run = Virtual(__file__).run(runs_fake)
    assert run.result == "result of kata" and [one.code.co_name for one in run.tasks] == ["runs_fake"]


def test_a_wait_ended_and_begun_again_by_hand_inside_asyncios_wait_is_seen():
    """Inside looptime's select (a future of the loop's own set of executor futures, whose `done` looptime asks
    there), other code ends the wait and begins one of its own that asks for more: the wait asyncio began is
    told by its token, which no other code can read."""
    async def reopens(seconds):
        loop = asyncio.get_running_loop()
        ledger, lock = ledger_of(asyncio.events.new_event_loop)

        class Sneaky(asyncio.Future):
            def done(self):
                if not moved:
                    moved.append(True)
                    ledger.send(("waited", loop, None))
                    ledger.send(("turn", loop, seconds, "mine"))
                    loop._LoopTimeEventLoop__now += round(seconds * 1_000_000)
                return True

        moved, sneaky = [], Sneaky()
        loop._LoopTimeEventLoop__sync_futures.add(sneaky)
        await asyncio.sleep(0.5)

    tampered(lambda virtual: virtual.run(reopens, 1.0))


def test_a_select_of_the_learners_that_begins_and_ends_its_own_waits_is_seen():
    """A function installed as the loop's select is called by asyncio's `_run_once` just as `watched` is: a wait
    it begins and ends itself, asking for more, with the clock moved in between, is no wait of `watched`'s."""
    async def own_select(seconds):
        loop = asyncio.get_running_loop()
        ledger, lock = ledger_of(asyncio.events.new_event_loop)
        watched = loop._selector.select

        def select(timeout=None):
            loop._selector.select = watched
            with lock:
                ledger.send(("turn", loop, seconds, "mine"))
            loop._LoopTimeEventLoop__now += round(seconds * 1_000_000)
            with lock:
                ledger.send(("waited", loop, "mine"))
            return []

        loop._selector.select = select
        await asyncio.sleep(0)

    tampered(lambda virtual: virtual.run(own_select, 1.0))


def test_a_wait_may_last_to_the_loops_next_timer_as_asyncio_reads_it_and_no_further():
    """The bound of a wait is read from the loop's queues as `_run_once` reads them, not only from the timeout
    it passed (which a `time` of the learner's, put back before the wait, could have made longer)."""
    from collections import deque

    from checker.child.virtual import _due

    loop = asyncio.new_event_loop()
    timer = asyncio.TimerHandle(1.5, print, (), loop)

    def state(ready=(), scheduled=(), stopping=False):
        return {"_ready": deque(ready), "_scheduled": list(scheduled), "_stopping": stopping}

    assert _due(state(scheduled=[timer]), now=1_000_000) == 500_000
    assert _due(state(scheduled=[timer]), now=2_000_000) == 0  # late: no wait at all
    assert _due(state(ready=[timer], scheduled=[timer]), now=0) == 0  # callbacks ready: no wait
    assert _due(state(scheduled=[timer], stopping=True), now=0) == 0
    assert _due(state(), now=0) is None  # nothing to wait for: only the end of virtual time
    assert _due({**state(), "_scheduled": type("Heap", (list,), {})([timer])}, now=0) is False
    assert _due(state(scheduled=[type("Handle", (asyncio.TimerHandle,), {})(1.5, print, (), loop)]), now=0) is False
    loop.close()


# --- a task ends in a step of its own ------------------------------------------------------------------------

def test_a_task_marked_done_by_the_base_classs_set_result_is_tampered():
    async def job():
        await asyncio.sleep(1.0)
        return "real"

    async def forge():
        task = asyncio.get_running_loop().create_task(job())
        asyncio.Future.set_result(task, "forged")  # a Task's own set_result refuses; the base class's does not
        task.get_coro().close()
        await asyncio.sleep(0.25)

    tampered_by(lambda virtual: virtual.run(forge), "set by hand")


def test_the_runs_own_task_given_a_result_by_another_is_tampered():
    async def forge(outer):
        asyncio.Future.set_result(outer, "forged")

    async def scenario():
        outer = asyncio.current_task()
        asyncio.get_running_loop().create_task(forge(outer))
        await asyncio.sleep(1.0)
        return "real"

    tampered_by(lambda virtual: virtual.run(scenario), "set by hand")


def test_tasks_that_return_raise_or_are_cancelled_end_in_their_own_step():
    async def slow():
        await asyncio.sleep(5)

    async def broken():
        await asyncio.sleep(0)
        raise ValueError("no")

    async def quick():
        return 1

    async def scenario():
        waiting = asyncio.create_task(slow())
        never_started = asyncio.create_task(slow())
        never_started.cancel()
        results = await asyncio.gather(quick(), broken(), return_exceptions=True)
        waiting.cancel()
        await asyncio.sleep(0.5)
        return results

    run = Virtual(__file__).run(scenario)
    assert run.result[0] == 1 and run.elapsed == pytest.approx(0.5)
    told = sorted((one.code.co_name, one.returned) for one in run.tasks)
    assert told == [("broken", False), ("quick", True), ("scenario", True), ("slow", False), ("slow", False)]


def test_a_signed_message_sent_through_the_keeper_by_other_code_is_tampered():
    async def forge():
        loop = asyncio.get_running_loop()
        made = asyncio.events.new_event_loop
        keeper = dict(zip(made.__code__.co_freevars, (cell.cell_contents for cell in made.__closure__)))["keeper"]
        keeper.send(("ended", loop, asyncio.current_task()))  # through Keeper.send, from code that is not a step
        await asyncio.sleep(0.25)

    tampered_by(lambda virtual: virtual.run(forge), "the ledger of virtual time")
