# Right way: a with-block thread pool, run_in_executor on it, awaited before the pool closes.
import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor


async def fetch_all(blocking_fetch, items):
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        calls = [loop.run_in_executor(pool, functools.partial(blocking_fetch, item)) for item in items]
        results = await asyncio.gather(*calls)
    return list(results)
