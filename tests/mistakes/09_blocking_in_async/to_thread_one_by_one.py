# expect: not-concurrent
# Awaits each to_thread call in the loop: the calls run one after another.
import asyncio


async def fetch_all(blocking_fetch, items):
    results = []
    for item in items:
        results.append(await asyncio.to_thread(blocking_fetch, item))
    return results
