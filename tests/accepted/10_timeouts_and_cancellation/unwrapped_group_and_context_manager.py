# Right way: timeout_at; TaskGroup whose ExceptionGroup is unwrapped to the first error; an async context manager.
import asyncio
import contextlib


async def fetch_with_timeout(fetch, timeout):
    deadline = asyncio.get_running_loop().time() + timeout
    try:
        async with asyncio.timeout_at(deadline):
            page = await fetch()
    except TimeoutError:
        page = None
    return page


async def first_failure_cancels_all(jobs):
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(job()) for job in jobs]
    except BaseExceptionGroup as group:
        raise group.exceptions[0] from None
    return [t.result() for t in tasks]


@contextlib.asynccontextmanager
async def connection_from(pool):
    connection = await pool.acquire()
    try:
        yield connection
    finally:
        pool.release(connection)


async def with_connection(pool, job):
    async with connection_from(pool) as connection:
        return await job(connection)
