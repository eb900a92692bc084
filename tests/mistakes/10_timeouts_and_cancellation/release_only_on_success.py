# expect: no-cleanup
# The connection is given back only when the job succeeds: an error or a cancellation loses it.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    try:
        async with asyncio.timeout(timeout):
            return await fetch()
    except TimeoutError:
        return None


async def first_failure_cancels_all(jobs):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job()) for job in jobs]
    return [task.result() for task in tasks]


async def with_connection(pool, job):
    connection = await pool.acquire()
    result = await job(connection)
    pool.release(connection)
    return result

