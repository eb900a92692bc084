# Right way: an own thread pool sized for the batch; its futures awaited through asyncio.wrap_future.
import asyncio
from concurrent.futures import ThreadPoolExecutor


async def fetch_all(blocking_fetch, items):
    if not items:
        return []
    pool = ThreadPoolExecutor(max_workers=len(items))
    try:
        futures = [asyncio.wrap_future(pool.submit(blocking_fetch, item)) for item in items]
        return list(await asyncio.gather(*futures))
    finally:
        pool.shutdown(wait=False)
