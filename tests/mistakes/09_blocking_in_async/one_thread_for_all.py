# expect: not-concurrent
# One worker thread runs the whole loop over the items: the loop stays free, but the calls run in turn.
import asyncio


async def fetch_all(blocking_fetch, items):
    return await asyncio.to_thread(lambda: [blocking_fetch(item) for item in items])
