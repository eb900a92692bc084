# Right way: asyncio.wait_for; gather wrapped in tasks that are cancelled by hand on failure; try/except/raise.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    try:
        return await asyncio.wait_for(fetch(), timeout=timeout)
    except asyncio.TimeoutError:
        return None


async def first_failure_cancels_all(jobs):
    tasks = [asyncio.ensure_future(job()) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def with_connection(pool, job):
    conn = await pool.acquire()
    try:
        result = await job(conn)
    except BaseException:
        pool.release(conn)
        raise
    pool.release(conn)
    return result
