# expect: no-backpressure
# A Semaphore limits the calls, but one task per item is created up front: every item is read at once.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    limit = asyncio.Semaphore(worker_count)

    async def one(item):
        async with limit:
            return await handle(item)

    return list(await asyncio.gather(*[one(item) for item in items]))
