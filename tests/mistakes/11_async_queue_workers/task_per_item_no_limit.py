# expect: over-limit
# One task per item and no workers: every call of handle runs at once.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    return list(await asyncio.gather(*(handle(item) for item in items)))
