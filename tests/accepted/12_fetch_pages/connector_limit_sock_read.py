# Right way: the connection pool is the limit (TCPConnector(limit=...)); sock_connect/sock_read timeouts
# only start once a connection is there, so waiting for the pool is not counted.
import asyncio

import aiohttp


async def fetch_all(urls, limit, timeout):
    connector = aiohttp.TCPConnector(limit=limit, force_close=True)
    timeouts = aiohttp.ClientTimeout(total=None, sock_connect=timeout, sock_read=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=timeouts) as session:

        async def fetch(url):
            try:
                async with session.get(url) as response:
                    return {"url": url, "status": response.status, "length": len(await response.read())}
            except asyncio.TimeoutError:
                return {"url": url, "error": "timeout"}
            except aiohttp.ClientError as exc:
                return {"url": url, "error": str(exc) or type(exc).__name__}

        return await asyncio.gather(*map(fetch, urls))
