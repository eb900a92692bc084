# Right way (without a queue): each worker pulls the next item from one shared iterator, so nothing is
# read ahead at all.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    source = enumerate(items)
    results = {}

    async def worker():
        for index, item in source:
            results[index] = await handle(item)

    await asyncio.gather(*(worker() for _ in range(worker_count)))
    return [results[i] for i in sorted(results)]
