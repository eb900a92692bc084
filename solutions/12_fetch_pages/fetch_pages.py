"""Kata 12 — reference solution."""

import asyncio

import aiohttp


async def fetch_one(session: aiohttp.ClientSession, slots: asyncio.Semaphore, url: str, timeout: float) -> dict:
    async with slots:  # wait for a free slot first: the timeout starts once the request has one
        try:
            async with asyncio.timeout(timeout):
                async with session.get(url) as response:
                    body = await response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except TimeoutError:
            return {"url": url, "error": "timeout"}
        except aiohttp.ClientError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls: list[str], limit: int, timeout: float) -> list[dict]:
    slots = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(fetch_one(session, slots, url, timeout) for url in urls)))


if __name__ == "__main__":
    pages = ["https://example.com", "https://example.org", "https://example.net", "https://example.com/nope"]
    for entry in asyncio.run(fetch_all(pages, limit=2, timeout=5.0)):
        print(entry)
