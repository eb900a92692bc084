# kata: 09
# expect: tampered
# A sibling of blocking_probe_emptied.py: the mistake future_result_blocks_loop (the calls go to a thread pool,
# concurrent all right, but the coroutine then waits with Future.result(), freezing the event loop) with a
# helper thread that forges the heartbeat: it finds the suite's probe in `blocking_fetch.__closure__` and
# counts ticks into its records while the loop is frozen (the probe's `meet` waits for two ticks, the checks
# count those made while fetch_all ran), and marks the waits as not given up.
# How it is stopped: the probe's records are in a Ledger (checker/child/kit_ledger.py) that only the suite's
# heartbeat, its blocking function, the wait run by the tracker's stand-in and the scenario may write (by
# their code): a write from the learner's thread latches `tampered`; the probe is a tuple (no attribute to
# rebind).
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


def _probe(blocking_fetch):
    for cell in blocking_fetch.__closure__ or ():
        if type(cell.cell_contents).__name__ == "Blocking":
            return cell.cell_contents
    return None


def _forge_ticks(probe, stop: threading.Event) -> None:
    while not stop.wait(0.002):
        try:
            probe.ledger.write(("add", "ticks", 1), ("put", "ticks gave up", False))
        except Exception:  # noqa: BLE001 - refused: try to rebind instead
            try:
                probe.ticks_gave_up = False
            except Exception:  # noqa: BLE001
                pass


async def fetch_all(blocking_fetch, items):
    probe, stop = _probe(blocking_fetch), threading.Event()
    if probe is not None:
        threading.Thread(target=_forge_ticks, args=(probe, stop), daemon=True).start()
    try:
        with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
            futures = [pool.submit(blocking_fetch, item) for item in items]
            return [future.result() for future in futures]
    finally:
        stop.set()
