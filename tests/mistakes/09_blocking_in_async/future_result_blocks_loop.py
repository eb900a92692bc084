# expect: blocking-call
# The work runs in a thread pool, but Future.result() waits for it inside the coroutine: the loop is frozen.
import asyncio
from concurrent.futures import ThreadPoolExecutor


async def fetch_all(blocking_fetch, items):
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        futures = [pool.submit(blocking_fetch, item) for item in items]
        return [future.result() for future in futures]
