# kata: 09
# expect: tampered
# The very mistake kata 09 teaches (`[blocking_fetch(item) for item in items]` inside the coroutine: every
# call in the event-loop thread, one after another) passes kata 09 whole, 7/7 (the same code without the
# lines that reach the probe gets 1/7). How: the `blocking_fetch` the suite hands to fetch_all is a closure
# over the suite's probe (`Blocking`, tests/katas/09_blocking_in_async): the learner takes it from
# `blocking_fetch.__closure__`, empties `probe.in_loop` (where the calls made in the loop's thread are noted),
# and writes the calls into the probe's Tracker itself (`tracker.begin(...)` for every item, then
# `tracker.finish(...)`): all in flight at once, each "in a worker thread" as far as the checks can tell. A
# short `await asyncio.sleep` lets the heartbeat tick. Same family as tracker_spans_forged.py (kata 02):
# whatever a suite hands to learner code (a stand-in, a callback) carries, in its closure, the suite's
# measuring objects, and their instance data are the verdict.
# Why the defences miss it: `__closure__` and cells are read with no audit event; lists and instance
# attributes of the suite's and the checker's objects are written with none; the guard compares modules and
# classes only (the suite's classes are not even made immutable: only the checker's are).
# Fix (suggested): as for tracker_spans_forged.py: what the measurement records is written only by the
# measuring code's own frames (Tracker.begin/finish, and the suites' probes, check that their caller's
# `f_code` is the stand-in's own code, else latch `tampered`), and read back as copies; a suite's probe
# keeps its records in the Tracker (with that check) rather than in its own lists. More generally, the
# suites' kit could offer a `Ledger` (records kept in the locals of a generator driven by the checker, fed
# only from an allowed code object) that every probe uses, so that no suite writes its verdict's data into
# objects the learner can reach.
import asyncio


def _probe(blocking_fetch):
    """The checks' probe, from the closure of the blocking function they hand over."""
    for cell in blocking_fetch.__closure__ or ():
        if type(cell.cell_contents).__name__ == "Blocking":
            return cell.cell_contents
    return None


async def fetch_all(blocking_fetch, items: list) -> list:
    results = [blocking_fetch(item) for item in items]  # in the loop's thread: blocking, one after another
    probe = _probe(blocking_fetch)
    if probe is not None:
        probe.in_loop.clear()  # forget where they ran
        spans = [probe.tracker.begin(item, (item,), {}) for item in items]  # say they ran at once, elsewhere
        for span in spans:
            probe.tracker.finish(span)
    await asyncio.sleep(0.35)  # let the heartbeat tick
    return results
