# expect: not-concurrent
# Each URL is awaited before the next one starts: one request at a time.
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
    async with aiohttp.ClientSession() as session:
        return [await fetch_one(session, url, timeout) for url in urls]
