"""Kata 12 — fetch pages, a few at a time.

Write `fetch_all`: download every URL with aiohttp, at most `limit` requests at the same time, each one
given at most `timeout` seconds, and report what happened to each URL instead of raising.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 12`.
"""

import asyncio

import aiohttp


async def fetch_all(urls: list[str], limit: int, timeout: float) -> list[dict]:
    """Download every URL of `urls` with aiohttp (GET), at most `limit` requests at the same time, and
    return one entry per URL, in the order of `urls`:

        {"url": url, "status": 200, "length": 1256}    the server answered: its status (404 included) and
                                                       the number of bytes of the body
        {"url": url, "error": "timeout"}               no complete answer within `timeout` seconds, counted
                                                       from the moment the request has its slot
        {"url": url, "error": "<what happened>"}       any other failure (e.g. connection refused): a short,
                                                       non-empty description

    One URL's failure never raises: it becomes that URL's entry.
    """
    raise NotImplementedError("write fetch_all()")


if __name__ == "__main__":
    pages = ["https://example.com", "https://example.org", "https://example.net", "https://example.com/nope"]
    for entry in asyncio.run(fetch_all(pages, limit=2, timeout=5.0)):
        print(entry)
