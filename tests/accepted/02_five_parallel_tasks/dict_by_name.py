# Right way: done-callbacks fill a dict, results read back in input order after gather.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    names = [f"task {n}" for n in range(1, len(durations) + 1)]
    finished = {}
    tasks = []
    for name, duration in zip(names, durations):
        t = asyncio.create_task(task(name, duration))
        t.add_done_callback(lambda done, name=name: finished.__setitem__(name, done.result()))
        tasks.append(t)
    await asyncio.gather(*tasks)
    return [finished[name] for name in names]
