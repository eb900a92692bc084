"""Kata 11 — a queue and its workers.

Write `process_all`: a producer puts the items into a bounded asyncio.Queue, `worker_count` worker tasks
take them out and `await handle(item)`, and when every item is done the workers are stopped.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 11`.
"""

import asyncio


async def process_all(items, handle, worker_count: int, maxsize: int) -> list:
    """Handle every item of `items` (any iterable: a list, or a generator read one item at a time) with
    `await handle(item)`, in `worker_count` worker tasks fed by an `asyncio.Queue(maxsize)`.

    - at most `worker_count` calls of `handle` run at the same time, and all the workers do work;
    - the producer waits when the queue is full (back-pressure): it never reads `items` far ahead of
      the workers;
    - returns the list of the results, in the order of `items`, once every item has been handled;
    - no worker task is left running when it returns.
    """
    raise NotImplementedError("write process_all()")


async def _demo() -> None:
    async def handle(item):
        await asyncio.sleep(1.0)
        return item * item

    print(await process_all(range(10), handle, worker_count=3, maxsize=2))  # takes 4 s: ceil(10 / 3) rounds


if __name__ == "__main__":
    asyncio.run(_demo())
