# expect: not-awaited
# run_in_executor returns futures at once; returning them without await gives no results.
import asyncio


async def fetch_all(blocking_fetch, items):
    loop = asyncio.get_running_loop()
    return [loop.run_in_executor(None, blocking_fetch, item) for item in items]
