# Right way: results preallocated as the items are read, workers cancelled then awaited one by one.
import asyncio
import contextlib


async def process_all(items, handle, worker_count, maxsize):
    q = asyncio.Queue(maxsize)
    out = []

    async def work():
        while True:
            i, x = await q.get()
            out[i] = await handle(x)
            q.task_done()

    tasks = []
    for _ in range(worker_count):
        tasks.append(asyncio.ensure_future(work()))
    i = 0
    for x in items:
        out.append(None)
        await q.put((i, x))
        i += 1
    await q.join()
    for t in tasks:
        t.cancel()
    for t in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await t
    return out
