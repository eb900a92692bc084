# expect: wrong-timing
# Gives the connection back before the job has finished with it.
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
    pending = job(connection)
    pool.release(connection)
    return await pending

