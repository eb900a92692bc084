# expect: blocking-call
# Calls the blocking function straight from the coroutine: the event loop is frozen during each call.
import asyncio


async def fetch_all(blocking_fetch, items):
    return [blocking_fetch(item) for item in items]
