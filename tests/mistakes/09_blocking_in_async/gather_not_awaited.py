# expect: not-awaited
# asyncio.gather without await returns a future at once, before any call has finished.
import asyncio


async def fetch_all(blocking_fetch, items):
    return asyncio.gather(*(asyncio.to_thread(blocking_fetch, item) for item in items))
