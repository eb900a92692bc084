# expect: leaked-task
# Stops the workers with one stop mark each, but returns without awaiting them: they end after it returns.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def worker():
        while True:
            job = await queue.get()
            try:
                if job is None:
                    return
                index, item = job
                results[index] = await handle(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    await queue.join()
    for _ in workers:
        await queue.put(None)
    return results
