"""Kata 09 — blocking code inside async code.

Write `fetch_all`, which runs a blocking function for every item without freezing the event loop.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 09`.
"""

import asyncio
import time


def read_page(name: str) -> str:
    """An example of a blocking function, for the demo below: like a file read or `requests.get(url)`,
    it holds its thread for 0.5 s before it returns."""
    time.sleep(0.5)
    return f"contents of {name}"


async def fetch_all(blocking_fetch, items: list) -> list:
    """Call the blocking function `blocking_fetch(item)` for every item of `items`, each in a worker
    thread, all at the same time, without ever blocking the event loop; return the results in the order
    of `items`."""
    raise NotImplementedError("write fetch_all()")


async def demo() -> None:
    async def heartbeat():
        while True:
            await asyncio.sleep(0.1)
            print("  tick")

    beat = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    pages = await fetch_all(read_page, ["a.html", "b.html", "c.html"])
    beat.cancel()
    print(pages, f"in {time.perf_counter() - started:.2f} s")  # ticks meanwhile, about 0.5 s in all


if __name__ == "__main__":
    asyncio.run(demo())
