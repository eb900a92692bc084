# expect: wrong-result
# wait_for without catching TimeoutError: the caller gets an exception instead of None.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    return await asyncio.wait_for(fetch(), timeout)


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

