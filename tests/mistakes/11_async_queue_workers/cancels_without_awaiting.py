# expect: leaked-task
# Cancels the workers once the queue is joined, but never awaits them: they end after process_all returns.

import asyncio


async def process_all(items, handle, worker_count: int, maxsize: int) -> list:
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
    try:
        for index, item in enumerate(items):
            results.append(None)
            await queue.put((index, item))  # waits while the queue is full: back-pressure
        await queue.join()  # every item put has been marked done
    finally:
        for task in workers:
            task.cancel()
    return results

