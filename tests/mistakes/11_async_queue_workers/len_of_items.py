# expect: crash
# len(items) works on a list but not on a generator: items may be any iterable.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    results = [None] * len(items)

    async def worker():
        while True:
            index = await queue.get()
            try:
                results[index] = await handle(items[index])
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index in range(len(items)):
        await queue.put(index)
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results
