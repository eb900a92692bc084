# kata: 10
# expect: tampered
# The very mistake kata 10 teaches (`asyncio.wait({task}, timeout=...)` then return None: the slow fetch is
# never cancelled), with the lines that forge the whole scenario's outcome: it passed kata 10 whole, 14/14,
# before the fix, after the jobs' records had moved into ledgers. How: each check runs the learner's coroutine
# as a task of the suite's `scenario` (tests/katas/10_timeouts_and_cancellation), whose result, an Outcome (how
# the call ended, when, the jobs' states), is what the checks read. A Task refuses set_result, but the base
# class's unbound method does not: `asyncio.Future.set_result(scenario_task, forged)` marks the scenario done
# with an object of the learner's, saying "returned None at the timeout, fetch cancelled then, nothing left
# running"; asyncio.run stops there, and the scenario never reads what happened.
# How it is stopped: virtual time runs every task's step (asyncio's own callback, told by its exact type)
# through a function of its own, which tells its ledger (checker/child/virtual.py) when a task ended in a step
# of its own: pending before, done after, its coroutine finished. A task of the loop found done at the end
# of the run with no such step was marked done by hand: `tampered`.
import asyncio


class _Out:
    def __init__(self, **fields):
        self.__dict__.update(fields)


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    done, pending = await asyncio.wait({task}, timeout=timeout)
    if task in done:
        return task.result()
    me = asyncio.current_task()
    for other in asyncio.all_tasks():
        if other is not me and other is not task and "scenario" in other.get_coro().__qualname__:
            now = asyncio.get_running_loop().time()
            asyncio.Future.set_result(other, _Out(result=None, error=None, cancelled=False, finished=True,
                                                  elapsed=timeout, states={"fetch": ("cancelled", now)}, leaked=[]))
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
