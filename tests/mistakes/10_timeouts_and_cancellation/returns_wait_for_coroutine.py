# expect: not-awaited
# fetch_with_timeout returns asyncio.wait_for(...) itself, without awaiting it: the fetch never runs.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    try:
        return asyncio.wait_for(fetch(), timeout)
    except TimeoutError:
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
