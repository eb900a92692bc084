# expect: wrong-result
# The workers are cancelled as soon as the last item is put, before they have handled everything.
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

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    for index, item in enumerate(items):
        results.append(None)
        await queue.put((index, item))
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    return results
