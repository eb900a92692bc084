# Right way: as_completed, each entry put back at its URL's index; a new session per request.
import asyncio

import aiohttp


async def fetch_all(urls: list[str], limit: int, timeout: float) -> list[dict]:
    sem = asyncio.Semaphore(limit)

    async def fetch(i: int, url: str) -> tuple[int, dict]:
        async with sem:
            try:
                async with asyncio.timeout(timeout):
                    async with aiohttp.ClientSession() as s, s.get(url) as r:
                        body = await r.read()
                        return i, {"url": url, "status": r.status, "length": len(body)}
            except TimeoutError:
                return i, {"url": url, "error": "timeout"}
            except (aiohttp.ClientError, OSError) as e:
                return i, {"url": url, "error": type(e).__name__}

    out: list[dict] = [{}] * len(urls)
    for next_done in asyncio.as_completed([fetch(i, u) for i, u in enumerate(urls)]):
        i, entry = await next_done
        out[i] = entry
    return out
