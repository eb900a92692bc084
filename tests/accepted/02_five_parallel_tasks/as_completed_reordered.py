# Right way: as_completed, each result put back at its task's index.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    async def numbered(index, duration):
        return index, await task(f"task {index + 1}", duration)

    results = [None] * len(durations)
    for next_done in asyncio.as_completed([numbered(i, d) for i, d in enumerate(durations)]):
        index, value = await next_done
        results[index] = value
    return results
