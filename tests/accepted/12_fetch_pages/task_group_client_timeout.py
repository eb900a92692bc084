# Right way: a TaskGroup, a shared Semaphore, and aiohttp's own per-request ClientTimeout(total=...).
import asyncio

import aiohttp


async def fetch_all(urls, limit, timeout):
    gate = asyncio.Semaphore(limit)
    per_request = aiohttp.ClientTimeout(total=timeout)
    entries = [None] * len(urls)

    async def one(i, url):
        async with gate:
            try:
                async with session.get(url, timeout=per_request) as resp:
                    data = await resp.read()
                entries[i] = {"url": url, "status": resp.status, "length": len(data)}
            except asyncio.TimeoutError:
                entries[i] = {"url": url, "error": "timeout"}
            except aiohttp.ClientError as exc:
                entries[i] = {"url": url, "error": repr(exc)}

    async with aiohttp.ClientSession() as session:
        async with asyncio.TaskGroup() as group:
            for i, url in enumerate(urls):
                group.create_task(one(i, url))
    return entries
