# expect: no-backpressure
# list(items) reads the whole source at once, before any worker runs: the bounded queue comes too late.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    items = list(items)
    queue = asyncio.Queue(maxsize)
    results = [None] * len(items)

    async def worker():
        while True:
            index, item = await queue.get()
            try:
                results[index] = await handle(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        await queue.put((index, item))
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results
