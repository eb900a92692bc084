# kata: 03
# expect: lost-updates tampered
# A racy counter (its count in a dict field) that first tries to disarm the switch points in its own code: it
# gets the trace function with sys.gettrace() (no audit event) and tries to rebind what it holds and what its
# class calls, and to throw into or close the generator that switches its thread, each attempt caught. The
# trace function is a tuple (nothing in it to rebind), its class is the checker's (immutable), its method's
# defaults may not be written (refused: tampered), its mappings are read-only; a closure's cells, which learner
# code can write, it has none; a switcher thrown into ignores it, one closed leaves the switches to the
# registry. So the race still shows, or the attempt is refused.
import sys
import threading


def _disarm() -> None:
    tracer = sys.gettrace()
    if tracer is None:
        return
    switchers = [getattr(item, "__self__", None) for item in tracer if callable(item)] if isinstance(tracer, tuple) \
        else []
    for attempt in (
        *[lambda gen=gen: gen.throw(RuntimeError("stop")) for gen in switchers],
        *[lambda gen=gen: gen.close() for gen in switchers],
        lambda: [mapping.clear() for mapping in tracer if hasattr(mapping, "clear")],
        lambda: setattr(type(tracer), "__call__", lambda *args: None),
        lambda: [setattr(cell, "cell_contents", ("/",)) for cell in getattr(tracer, "__closure__", None) or ()],
        lambda: tracer.__dict__.clear(),
        lambda: object.__setattr__(tracer, "skip", ("/",)),
    ):
        try:
            attempt()
        except Exception:
            pass


class Counter:
    def __init__(self) -> None:
        self._state = {"n": 0}

    @property
    def value(self) -> int:
        return self._state["n"]

    def increment(self) -> None:
        _disarm()
        state = self._state
        current = state["n"]
        state["n"] = current + 1  # racy: no lock


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value
