# expect: not-cancelled
# asyncio.wait(FIRST_EXCEPTION) cancels the others on a failure, but not when the caller cancels the wait.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    try:
        async with asyncio.timeout(timeout):
            return await fetch()
    except TimeoutError:
        return None


async def first_failure_cancels_all(jobs):
    tasks = [asyncio.create_task(job()) for job in jobs]
    if not tasks:
        return []
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    for task in done:
        if task.exception() is not None:
            raise task.exception()
    return [task.result() for task in tasks]


async def with_connection(pool, job):
    connection = await pool.acquire()
    try:
        return await job(connection)
    finally:
        pool.release(connection)

