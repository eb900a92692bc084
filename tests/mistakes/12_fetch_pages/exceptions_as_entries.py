# expect: wrong-result
# gather(return_exceptions=True) puts the exception objects themselves in the list, not error entries.
import asyncio

import aiohttp


async def fetch_one(session, slots, url, timeout):
    async with slots:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            body = await response.read()
        return {"url": url, "status": response.status, "length": len(body)}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url, timeout) for url in urls),
                                         return_exceptions=True))
