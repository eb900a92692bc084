# Right way: a producer task, one future per item for its result, queue.join(), then cancel and wait.
import asyncio


async def process_all(items, handle, worker_count, maxsize):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize)
    futures = []

    async def worker(n):
        while True:
            item, future = await queue.get()
            try:
                future.set_result(await handle(item))
            finally:
                queue.task_done()

    async def producer():
        for item in items:
            future = loop.create_future()
            futures.append(future)
            await queue.put((item, future))

    workers = [asyncio.create_task(worker(n), name=f"worker-{n}") for n in range(worker_count)]
    try:
        await producer()
        await queue.join()
    finally:
        for w in workers:
            w.cancel()
        await asyncio.wait(workers) if workers else None
    return [f.result() for f in futures]
