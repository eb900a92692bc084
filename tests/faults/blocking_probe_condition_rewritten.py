# kata: 09
# expect: blocking-call
# The mistake future_result_blocks_loop (the calls go to a thread pool, all at once, but the coroutine waits
# with Future.result(), freezing the event loop), made to pass by rewriting an object the probe waits with:
# the probe's wait for two heartbeats used a threading.Condition reached through `blocking_fetch.__closure__`
# (the probe, then its `cond`), and a Condition keeps its methods and state in its instance: the learner sets
# `cond.wait_for` to a function that says "done" at once. No wait gave up, the threads ended at once, and a
# short `await asyncio.sleep` after them let the heartbeat tick twice: 7/7, with no write to any record.
# How it is stopped: the probe has no Condition any more: its waits poll its Ledger (checker/child/kit_ledger.py),
# which only the suite's code writes. The wait for two ticks gives up while the loop is frozen: blocking-call.
import asyncio
from concurrent.futures import ThreadPoolExecutor


async def fetch_all(blocking_fetch, items):
    for cell in blocking_fetch.__closure__ or ():
        probe = cell.cell_contents
        cond = getattr(probe, "cond", None)
        if cond is not None:
            cond.wait_for = lambda predicate, timeout=None: True
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        futures = [pool.submit(blocking_fetch, item) for item in items]
        results = [future.result() for future in futures]
    await asyncio.sleep(0.05)
    return results
