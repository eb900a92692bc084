# Right way: everything with asyncio.wait, cancelling what is pending on every path (cancel() not awaited).
import asyncio


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
    except asyncio.CancelledError:
        task.cancel()
        raise
    if task in done:
        return task.result()
    task.cancel()
    return None


async def first_failure_cancels_all(jobs):
    tasks = [asyncio.create_task(job()) for job in jobs]
    if not tasks:
        return []
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        for task in tasks:
            task.cancel()
        raise
    for task in pending:
        task.cancel()
    for task in tasks:
        if task in done and task.exception() is not None:
            raise task.exception()
    return [task.result() for task in tasks]


async def with_connection(pool, job):
    connection = await pool.acquire()
    try:
        return await job(connection)
    finally:
        pool.release(connection)
