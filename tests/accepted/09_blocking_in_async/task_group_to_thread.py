# Right way: one to_thread task per item in a TaskGroup, results read in the order of the items.
import asyncio


async def fetch_all(blocking_fetch, items):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(asyncio.to_thread(blocking_fetch, item)) for item in items]
    return [task.result() for task in tasks]
