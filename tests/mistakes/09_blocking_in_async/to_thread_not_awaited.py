# expect: not-awaited
# Forgets await: to_thread only creates coroutines, which never run.
import asyncio


async def fetch_all(blocking_fetch, items):
    return [asyncio.to_thread(blocking_fetch, item) for item in items]
