# expect: not-concurrent
# Batches of `limit` URLs, each batch awaited whole: a slow page holds its batch, the free slots stay idle.
import asyncio

import aiohttp


async def fetch_one(session, url, timeout):
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
    results = []
    async with aiohttp.ClientSession() as session:
        for start in range(0, len(urls), limit):
            batch = urls[start:start + limit]
            results.extend(await asyncio.gather(*(fetch_one(session, url, timeout) for url in batch)))
    return results
