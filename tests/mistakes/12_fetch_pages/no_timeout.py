# expect: wrong-timing
# No timeout at all: the URL that never answers holds fetch_all (aiohttp's default is 5 minutes).
import asyncio

import aiohttp


async def fetch_one(session, slots, url):
    async with slots:
        try:
            async with session.get(url) as response:
                body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url) for url in urls)))
