# kata: 02
# expect: tampered
# A sibling of tracker_spans_forged.py that goes past the Tracker's methods, to the records themselves:
# `run_all` never calls `task` (one wait as long as the longest, results built by hand), and writes the
# calls straight into the generator that keeps the tracker's records (checker/child/kit_ledger.py): the
# Ledger is found in the stand-in's closure, its first item is the generator's `send`, and the learner sends
# it what `Ledger.write` would, an "in flight" count of every duration at once; a throw into the generator
# and a `close()` are tried too, to stop it from answering or to make it forget.
# How it is stopped: the generator checks who sent: `Ledger._send` called by `Ledger.write` called by the
# stand-in's own code; a send from anything else, a throw, and a use after a close latch `tampered`.
import asyncio


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


def _ledger():
    for cell in task.__closure__ or ():
        held = cell.cell_contents
        if type(held).__name__ == "Ledger":
            return held
    return None


async def run_all(durations: list[float]) -> list[str]:
    ledger = _ledger()
    if ledger is not None:
        send = ledger[0]
        for attempt in (lambda: send(((("add", "in flight", len(durations)),), True)),
                        lambda: send.__self__.throw(RuntimeError("forget")),
                        lambda: send.__self__.close()):
            try:
                attempt()
            except BaseException:  # noqa: BLE001 - refused: try the next way
                pass
    await asyncio.sleep(max(durations, default=0.0))  # one wait, as long as the longest
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]
