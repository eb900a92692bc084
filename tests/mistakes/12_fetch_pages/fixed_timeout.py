# expect: wrong-result
# A fixed 1 s timeout instead of the `timeout` argument: a page slower than `timeout` still comes back.
import asyncio

import aiohttp


async def fetch_one(session, slots, url):
    async with slots:
        try:
            async with asyncio.timeout(1.0):
                async with session.get(url) as response:
                    body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except TimeoutError:
            return {"url": url, "error": "timeout"}
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url) for url in urls)))
