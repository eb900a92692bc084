# expect: crash
# Only TimeoutError is caught: the refused connection's ClientConnectorError escapes and gather raises it.
import asyncio

import aiohttp


async def fetch_one(session, slots, url, timeout):
    async with slots:
        try:
            async with asyncio.timeout(timeout):
                async with session.get(url) as response:
                    body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except TimeoutError:
            return {"url": url, "error": "timeout"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url, timeout) for url in urls)))
