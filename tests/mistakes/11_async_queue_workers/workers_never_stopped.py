# expect: leaked-task
# After queue.join() the workers still wait on queue.get(): nobody cancels them.
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

    for _ in range(worker_count):
        asyncio.create_task(worker())
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    await queue.join()
    return results
