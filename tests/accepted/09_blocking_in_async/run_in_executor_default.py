# Right way: loop.run_in_executor with the default executor, gathered.
import asyncio


async def fetch_all(blocking_fetch, items):
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(None, blocking_fetch, item) for item in items]
    return [result for result in await asyncio.gather(*futures)]
