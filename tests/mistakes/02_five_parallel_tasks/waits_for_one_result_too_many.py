# expect: wrong-timing
# Collects results from a queue but waits for one more than there are tasks: it never returns.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    queue = asyncio.Queue()

    async def worker(number, duration):
        await queue.put((number, await task(f"task {number}", duration)))

    running = [asyncio.create_task(worker(n, d)) for n, d in enumerate(durations, start=1)]
    results = {}
    while len(results) <= len(durations):
        number, value = await queue.get()
        results[number] = value
    await asyncio.gather(*running)
    return [results[n] for n in sorted(results)]
