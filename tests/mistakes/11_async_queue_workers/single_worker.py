# expect: not-concurrent
# worker_count is ignored: one worker handles the items one after another.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def worker():
        while True:
            index, item = await queue.get()
            try:
                results[index] = await handle(item)
            finally:
                queue.task_done()

    task = asyncio.create_task(worker())
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    await queue.join()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return results
