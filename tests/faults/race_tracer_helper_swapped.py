# kata: 03
# expect: lost-updates tampered
# A racy counter (its count in a dict field) that switches off the switch points of its own helper: the trace
# function's method looks a helper up among its globals (a detached function's private globals, reachable
# through `__globals__` with no audit event), so increment() swaps every function there for one that says
# "the checker's code" (so that the helper's frame is left untraced), calls the helper that does the racy
# read-modify-write, and puts them back before any comparison can see it. What the trace function calls is
# bound as its method's defaults (the audit hook refuses a write to them): the swap changes nothing it does, and
# the race shows.
import sys
import threading
import types


def _bump(state: dict) -> None:
    current = state["n"]
    state["n"] = current + 1  # racy: no lock


class Counter:
    def __init__(self) -> None:
        self._state = {"n": 0}

    @property
    def value(self) -> int:
        return self._state["n"]

    def increment(self) -> None:
        tracer = sys.gettrace()
        method = getattr(type(tracer), "__call__", None)
        scope = getattr(method, "__globals__", None)
        kept = {}
        if type(scope) is dict:
            for name, value in list(scope.items()):
                if isinstance(value, types.FunctionType):
                    kept[name] = value
                    scope[name] = lambda *args, **kwargs: True
        try:
            _bump(self._state)
        finally:
            if type(scope) is dict:
                scope.update(kept)


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
