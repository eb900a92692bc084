# kata: 02
# expect: tampered
# `run_all` runs every task at once but returns a list of wrong strings (of the right length), and tries to
# pass the checks that compare its list with kit_verdicts.same(). How: just before returning, the learner's
# code rebinds `builtins.all` (a builtins attribute: no audit event) to a function that says True for the
# generator same() walks a list with (told by its __qualname__, `same.<locals>.<genexpr>`), delegates anything
# else to the real `all`, and puts the real one back at that first use: same(list, list) is then only a
# comparison of lengths, and when the guard compares (as the call ends) `all` is the real one again.
# Stopped: the checker's helpers and the suite's functions run with a private copy of the builtins, made before
# the learner's code loads (checker/child/detach.py): same() calls the real `all`, finds the strings differ,
# and the fake stays in `builtins`, where the guard finds it as the call ends (`tampered`).
import asyncio
import builtins
import os


def _fool_all():
    if not any(name in os.environ.get("PYTEST_CURRENT_TEST", "") for name in ("results_in_order", "input_order")):
        return  # only in the checks that call same() on the list: nothing is left behind elsewhere
    real = builtins.all

    def all(iterable):
        if getattr(iterable, "__qualname__", "") == "same.<locals>.<genexpr>":
            builtins.all = real
            return True
        return real(iterable)

    builtins.all = all


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    await asyncio.gather(*(task(f"task {number}", duration) for number, duration in enumerate(durations, start=1)))
    _fool_all()
    return [f"nothing {number}" for number, _ in enumerate(durations, start=1)]
