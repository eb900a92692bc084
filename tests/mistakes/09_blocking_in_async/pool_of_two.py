# expect: not-concurrent
# A thread pool of two workers: the calls run two at a time.
import asyncio
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=2)


async def fetch_all(blocking_fetch, items):
    loop = asyncio.get_running_loop()
    return list(await asyncio.gather(*(loop.run_in_executor(POOL, blocking_fetch, item) for item in items)))
