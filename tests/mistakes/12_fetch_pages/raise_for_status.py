# expect: wrong-result
# raise_for_status() turns the 404 answer into an error entry: a 404 is an answer, with a status.
import asyncio

import aiohttp


async def fetch_one(session, slots, url, timeout):
    async with slots:
        try:
            async with asyncio.timeout(timeout):
                async with session.get(url) as response:
                    response.raise_for_status()
                    body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except TimeoutError:
            return {"url": url, "error": "timeout"}
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url, timeout) for url in urls)))
