# Right way: as_completed, each result put back at its item's index.
import asyncio


async def fetch_one(blocking_fetch, index, item):
    return index, await asyncio.to_thread(blocking_fetch, item)


async def fetch_all(blocking_fetch, items):
    results = [None] * len(items)
    for next_done in asyncio.as_completed([fetch_one(blocking_fetch, i, item) for i, item in enumerate(items)]):
        index, value = await next_done
        results[index] = value
    return results
