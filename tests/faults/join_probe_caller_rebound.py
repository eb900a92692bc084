# kata: 05
# expect: tampered
# A mistake kata 05 teaches (a sleep "long enough" instead of join()), with the lines that reach the suite's
# JoinProbe (checker/child/joins.py): it passed kata 05 whole before the fix. How: a thread whose tracked call
# has ended and that nobody waited for is held where it ends by a profile function (sys.setprofile), and
# `sys.getprofile()`, no audit event, hands that function to the learner's code running in the thread: its
# closure holds the probe, whose `caller` (the thread whose waits count as waiting for every tracked thread)
# was an instance attribute. The learner points it at a thread of their own, blocked in Event.wait for ever,
# and every held thread is let go at once, as if waited for.
# How it is stopped: the probe is a tuple (its caller, its limits) whose records (the tracked threads, those
# held, the longest hold, whether the call returned) are in a Ledger (checker/child/kit_ledger.py) written only
# by the probe's own methods called from the measuring code, and the profile function is a tuple too, holding
# the probe and no frame: nothing in it can be rebound. The probe's caller is set only from the suite's file or
# the checker: the rebinding tried here latches `tampered`; without it this is the plain mistake.
import sys
import threading
import time


def task(name, duration):
    time.sleep(duration)
    return f"result of {name}"


_forever = threading.Event()
_waiter = threading.Thread(target=_forever.wait, daemon=True)  # always "waiting", in threading's own code


def _let_go() -> None:
    """Make the probe's caller a thread that always waits (from a tracked thread, once it is held)."""
    hook = sys.getprofile()
    found = [cell.cell_contents for cell in getattr(hook, "__closure__", None) or ()]
    found += list(hook) if isinstance(hook, tuple) else []  # what the hook is now
    for held in found:
        if hasattr(held, "caller"):
            try:
                held.caller = _waiter
            except Exception:  # noqa: BLE001 - refused: carry on
                pass


def wait_all(durations):
    if not _waiter.is_alive():
        _waiter.start()
    results = [None] * len(durations)

    def run(i, d):
        results[i] = task(f"task {i + 1}", d)
        _let_go()

    for i, d in enumerate(durations):
        threading.Thread(target=run, args=(i, d)).start()
    time.sleep(max(durations, default=0.0) + 0.2)  # "long enough"
    return results
