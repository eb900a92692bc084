"""Virtual time (checker/child/virtual.py), in-process: every loop a run makes is virtual, whichever way the
code makes it, with no event-loop policy (Python 3.14 deprecates them), and what it replaced is put back."""

import asyncio
import warnings

import pytest

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
