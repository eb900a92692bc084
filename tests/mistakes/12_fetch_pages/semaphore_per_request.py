# expect: over-limit
# A new Semaphore for every request: each one has its own slots, so nothing is limited.
import asyncio

import aiohttp


async def fetch_one(session, url, limit, timeout):
    async with asyncio.Semaphore(limit):
        try:
            async with asyncio.timeout(timeout):
                async with session.get(url) as response:
                    body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except TimeoutError:
            return {"url": url, "error": "timeout"}
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, url, limit, timeout) for url in urls)))
