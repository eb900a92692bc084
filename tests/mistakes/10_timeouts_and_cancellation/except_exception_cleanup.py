# expect: no-cleanup
# except Exception does not see CancelledError (a BaseException): a cancellation loses the connection.
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
        result = await job(connection)
    except Exception:
        pool.release(connection)
        raise
    pool.release(connection)
    return result

