# expect: blocking-call
# A worker pauses with time.sleep: it freezes the whole event loop.
import asyncio
import time


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def worker():
        while True:
            index, item = await queue.get()
            try:
                time.sleep(0.01)
                results[index] = await handle(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results
