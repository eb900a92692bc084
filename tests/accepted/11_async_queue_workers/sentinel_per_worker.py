# Right way: one None per worker tells each worker to return; the workers are awaited with gather.
import asyncio

STOP = None


async def process_all(items, handle, worker_count, maxsize):
    queue = asyncio.Queue(maxsize=maxsize)
    results = {}

    async def worker():
        while True:
            job = await queue.get()
            if job is STOP:
                return
            number, item = job
            results[number] = await handle(item)

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    count = 0
    for count, item in enumerate(items, start=1):
        await queue.put((count - 1, item))
    for _ in workers:
        await queue.put(STOP)
    await asyncio.gather(*workers)
    return [results[number] for number in range(count)]
