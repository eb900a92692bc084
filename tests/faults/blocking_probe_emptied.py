# kata: 09
# expect: tampered
# The very mistake kata 09 teaches (`[blocking_fetch(item) for item in items]` inside the coroutine: every
# call in the event-loop thread, one after another), with the lines that reach the probe: it passed kata 09
# whole, 7/7, before the fix (1/7 without them). How: the `blocking_fetch` the suite hands to fetch_all is a
# closure over the suite's probe (`Blocking`, tests/katas/09_blocking_in_async): the learner takes it from
# `blocking_fetch.__closure__` (no audit event), empties `probe.in_loop` (where the calls made in the loop's
# thread are noted), and writes the calls into the probe's Tracker itself (`tracker.begin(...)` for every
# item, then `tracker.finish(...)`): all in flight at once, each "in a worker thread" as far as the checks
# could tell. A short `await asyncio.sleep` lets the heartbeat tick.
# How it is stopped: the probe is a tuple whose records (the calls made in the loop, the heartbeat's ticks,
# the waits given up) are in a Ledger (checker/child/kit_ledger.py) written only by the suite's blocking
# function, its wait, its heartbeat and its scenario (by their code); `in_loop` reads a tuple copy, so the
# `clear()` fails, and the probe's Tracker takes begin/finish only from the suite's file or the checker: the
# forged begin latches `tampered`. So does writing into the probe's ledger (tried first here).
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
        try:
            probe.in_loop.clear()  # forget where they ran (a tuple now)
        except AttributeError:
            try:
                probe.ledger.write(("put", "in loop", []))
            except Exception:  # noqa: BLE001 - refused: try the tracker
                pass
        try:
            spans = [probe.tracker.begin(item, (item,), {}) for item in items]  # say they ran at once, elsewhere
            for span in spans:
                probe.tracker.finish(span)
        except Exception:  # noqa: BLE001 - refused: carry on
            pass
    await asyncio.sleep(0.35)  # let the heartbeat tick
    return results
