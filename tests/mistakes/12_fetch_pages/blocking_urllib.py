# expect: not-concurrent
# urllib inside async def: each download blocks the event loop, so the "concurrent" tasks run one by one.
import asyncio
import urllib.error
import urllib.request


async def fetch_one(slots, url, timeout):
    async with slots:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body = response.read()
            return {"url": url, "status": response.status, "length": len(body)}
        except urllib.error.HTTPError as exc:
            return {"url": url, "status": exc.code, "length": len(exc.read())}
        except TimeoutError:
            return {"url": url, "error": "timeout"}
        except OSError as exc:
            return {"url": url, "error": f"{type(exc).__name__}: {exc}"}


async def fetch_all(urls, limit, timeout):
    slots = asyncio.Semaphore(limit)
    return list(await asyncio.gather(*(fetch_one(slots, url, timeout) for url in urls)))
