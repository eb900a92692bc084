# expect: wrong-order
# as_completed yields the entries as the pages answer, fastest first: not the order of the URLs.
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
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return [await done for done in asyncio.as_completed([fetch_one(session, slots, url, timeout) for url in urls])]
