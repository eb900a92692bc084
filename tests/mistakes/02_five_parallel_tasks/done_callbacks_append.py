# expect: wrong-order
# Done-callbacks append each result when its task finishes: completion order.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    results = []
    tasks = []
    for number, duration in enumerate(durations, start=1):
        running = asyncio.create_task(task(f"task {number}", duration))
        running.add_done_callback(lambda done: results.append(done.result()))
        tasks.append(running)
    await asyncio.wait(tasks) if tasks else None
    return results
