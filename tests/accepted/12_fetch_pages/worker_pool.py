# Right way: `limit` workers pulling (index, url) from a queue (kata 11), wait_for around each request.
import asyncio

import aiohttp


async def fetch_all(urls, limit, timeout):
    queue = asyncio.Queue()
    for job in enumerate(urls):
        queue.put_nowait(job)
    results = [None] * len(urls)

    async def get(session, url):
        async with session.get(url) as response:
            return response.status, len(await response.read())

    async def worker(session):
        while not queue.empty():
            index, url = queue.get_nowait()
            try:
                status, length = await asyncio.wait_for(get(session, url), timeout)
                results[index] = {"url": url, "status": status, "length": length}
            except asyncio.TimeoutError:
                results[index] = {"url": url, "error": "timeout"}
            except Exception as exc:  # noqa: BLE001 - any failure of one URL is reported
                results[index] = {"url": url, "error": f"{type(exc).__name__}: {exc}"}

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(worker(session) for _ in range(min(limit, len(urls)))))
    return results
