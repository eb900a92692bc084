# expect: not-cancelled
# asyncio.gather raises the first error at once but lets the other jobs run on.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    try:
        async with asyncio.timeout(timeout):
            return await fetch()
    except TimeoutError:
        return None


async def first_failure_cancels_all(jobs):
    return list(await asyncio.gather(*(job() for job in jobs)))


async def with_connection(pool, job):
    connection = await pool.acquire()
    try:
        return await job(connection)
    finally:
        pool.release(connection)

