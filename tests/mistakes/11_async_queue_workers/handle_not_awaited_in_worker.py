# expect: over-limit
# Each worker starts handle as a task and goes on without awaiting it: the workers limit nothing.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    pending = []

    async def worker():
        while True:
            index, item = await queue.get()
            pending.append((index, asyncio.create_task(handle(item))))
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        await queue.put((index, item))
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return [await task for _, task in sorted(pending, key=lambda pair: pair[0])]
