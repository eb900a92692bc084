# Right way: producer and workers in an asyncio.TaskGroup; the producer puts one stop mark per worker.
import asyncio

_DONE = object()


async def process_all(items, handle, worker_count, maxsize):
    queue: asyncio.Queue = asyncio.Queue(maxsize)
    results: list = []

    async def produce():
        for item in items:
            results.append(None)
            await queue.put((len(results) - 1, item))
        for _ in range(worker_count):
            await queue.put(_DONE)

    async def consume():
        while (job := await queue.get()) is not _DONE:
            index, item = job
            results[index] = await handle(item)

    async with asyncio.TaskGroup() as group:
        group.create_task(produce())
        for _ in range(worker_count):
            group.create_task(consume())
    return results
