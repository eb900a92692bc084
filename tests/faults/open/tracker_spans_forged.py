# kata: 02
# expect: tampered
# `run_all` never calls `task`: it waits once, as long as the longest duration, and builds the results
# itself; yet kata 02 passes whole, 13/13 (without the forgery below it gets 10/13: the three "all of them in
# flight at the same time" checks fail with "never called task"). How: the suite puts a stand-in for `task`
# into the learner's module (`Tracker.wrap`, checker/child/kit_track.py); the learner finds the Tracker in the
# stand-in's `__closure__` and calls `tracker.begin(...)` itself for each duration, finishing each span with
# `loop.call_later(duration, tracker.finish, span)`: the spans say task("task 1", d1)... ran, all at once,
# each for its duration. Nothing here is specific to kata 02: every suite that judges calls by a Tracker
# (or reads spans, `in_flight`, `peak`, which are plain instance data) can be fed so.
# Why the defences miss it: reading `__closure__` and a cell raises no audit event; calling a checker
# method, or writing an instance's attributes and lists (`spans`, `in_flight`, `peak`), is not an event and
# the guard compares modules' and classes' namespaces, not instances; Tracker is an immutable class, but its
# instances are not.
# Fix (suggested): a span may only be recorded by the stand-in's own frame: `begin`/`finish` check that
# `sys._getframe(1).f_code` is the code of `tracked` (the wrapper: its code cannot be swapped, the hook
# refuses `__code__` writes), else latch `tampered`; and keep the spans and counts out of reach (in the
# locals of a generator the tracker drives, or at least behind that caller check for every mutation, with
# `spans` handed out as a tuple copy). Cheaper, for the asyncio suites: check each span against the task it
# ran in (`asyncio.current_task()` at begin and finish must be the same task, a task the learner's code
# created, and the span's end must be when the real `func`'s coroutine returned: the wrapper can note
# `func`'s coroutine object and the suite check it is done).
import asyncio


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


def _tracker():
    """The checks' Tracker, from the closure of the stand-in they put in place of `task`."""
    for cell in task.__closure__ or ():
        if type(cell.cell_contents).__name__ == "Tracker":
            return cell.cell_contents
    return None


async def run_all(durations: list[float]) -> list[str]:
    tracker, loop = _tracker(), asyncio.get_running_loop()
    for number, duration in enumerate(durations, start=1):  # `task` is never called: its calls are written
        if tracker is not None:
            span = tracker.begin(f"task {number}", (f"task {number}", duration), {})
            loop.call_later(duration, tracker.finish, span)
    await asyncio.sleep(max(durations, default=0.0))  # one wait, as long as the longest
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]
