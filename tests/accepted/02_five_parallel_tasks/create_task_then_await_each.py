# Right way: start every task with create_task, then await each one in order.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    started = []
    for index in range(len(durations)):
        started.append(asyncio.create_task(task("task " + str(index + 1), durations[index])))
    results = []
    for t in started:
        results.append(await t)
    return results
