"""Kata 11 — reference solution."""

import asyncio


async def process_all(items, handle, worker_count: int, maxsize: int) -> list:
    queue = asyncio.Queue(maxsize)
    results = []

    async def worker():
        while True:
            index, item = await queue.get()
            try:
                results[index] = await handle(item)
            finally:
                queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(worker_count)]
    try:
        for index, item in enumerate(items):
            results.append(None)
            await queue.put((index, item))  # waits while the queue is full: back-pressure
        await queue.join()  # every item put has been marked done
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)  # wait until they have really ended
    return results


async def _demo() -> None:
    async def handle(item):
        await asyncio.sleep(1.0)
        return item * item

    print(await process_all(range(10), handle, worker_count=3, maxsize=2))  # takes 4 s: ceil(10 / 3) rounds


if __name__ == "__main__":
    asyncio.run(_demo())
