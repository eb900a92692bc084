# expect: wrong-timing
# The workers never call queue.task_done(): queue.join() waits for ever.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def worker():
        while True:
            index, item = await queue.get()
            results[index] = await handle(item)

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    await queue.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results
