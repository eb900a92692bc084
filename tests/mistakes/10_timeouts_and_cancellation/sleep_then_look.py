# expect: wrong-timing
# Sleeps the whole timeout, then looks: a fast fetch is only answered at the timeout.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    await asyncio.sleep(timeout)
    if task.done():
        return task.result()
    task.cancel()
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

