# expect: not-awaited
# with_connection returns job(connection) without awaiting it: the job never runs (and the connection is
# released before it would).
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
    try:
        return job(connection)
    finally:
        pool.release(connection)
