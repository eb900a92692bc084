# expect: leaked-task
# A home-made timer task: when fetch wins the race, the timer task is left pending.
import asyncio


async def fetch_with_timeout(fetch, timeout):
    task = asyncio.create_task(fetch())
    timer = asyncio.create_task(asyncio.sleep(timeout))
    await asyncio.wait({task, timer}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        return task.result()
    task.cancel()
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

