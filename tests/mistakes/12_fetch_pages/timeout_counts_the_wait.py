# expect: wrong-result
# wait_for around the whole fetch_one: the time spent waiting for a slot eats the request's timeout.
import asyncio

import aiohttp


async def fetch_one(session, slots, url):
    async with slots:
        async with session.get(url) as response:
            body = await response.read()
        return {"url": url, "status": response.status, "length": len(body)}


async def guarded(session, slots, url, timeout):
    try:
        return await asyncio.wait_for(fetch_one(session, slots, url), timeout)
    except TimeoutError:
        return {"url": url, "error": "timeout"}
    except aiohttp.ClientError as exc:
        return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(guarded(session, slots, url, timeout) for url in urls)))
