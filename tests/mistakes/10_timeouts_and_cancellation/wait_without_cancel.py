# expect: not-cancelled
# asyncio.wait with a timeout stops waiting, but the slow fetch is never cancelled.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    done, pending = await asyncio.wait({task}, timeout=timeout)
    if task in done:
        return task.result()
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

