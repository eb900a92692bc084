# kata: 10
# expect: tampered
# The very mistake kata 10 teaches (`asyncio.wait({task}, timeout=...)` then return None: the slow fetch is
# never cancelled), with the lines that reach the suite's records of its jobs: it passed kata 10 whole before
# the fix. How: the `fetch` the suite hands over is a closure over its inner `body`, itself a closure over the
# `Run` where the suite notes how the job ended (tests/katas/10_timeouts_and_cancellation): reading
# `__closure__` and writing an instance attribute raise no audit event, so at the timeout the learner writes
# `outcome = "cancelled"` and `end = now` into the Run and leaves the job running; the pool's records (handed to
# with_connection itself) were as open.
# How it is stopped: the jobs' records (calls, start, end, outcome, task) and the pool's are in Ledgers
# (checker/child/kit_ledger.py) written only by the jobs' own code and the pool's methods, and what a job
# does (its duration, value, error) is read from there too, not from its closure: the closure holds a
# ledger, which can be read, not written. This file tries both: the Run (none found now) and the ledger's
# write, which latches `tampered`; without either it is the plain mistake.
import asyncio


def _records(job):
    """What the checks keep about `job`, found through its closures."""
    found, todo = [], [job]
    while todo:
        function = todo.pop()
        for cell in getattr(function, "__closure__", None) or ():
            held = cell.cell_contents
            if callable(held) and hasattr(held, "__closure__"):
                todo.append(held)
            elif hasattr(held, "outcome") or hasattr(held, "write"):
                found.append(held)
    return found


def _say_cancelled(job, now):
    for held in _records(job):
        try:
            if hasattr(held, "outcome"):
                held.outcome, held.end = "cancelled", now
            else:
                held.write(("put", "outcome", "cancelled"), ("put", "end", now))
        except Exception:  # noqa: BLE001 - refused: carry on
            pass


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    done, pending = await asyncio.wait({task}, timeout=timeout)
    if task in done:
        return task.result()
    _say_cancelled(fetch, asyncio.get_running_loop().time())  # it still runs
    return None


async def first_failure_cancels_all(jobs):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job()) for job in jobs]
    return [task.result() for task in tasks]


async def with_connection(pool, job):
    connection = await pool.acquire()
    try:
        return await job(connection)
    finally:
        pool.release(connection)
