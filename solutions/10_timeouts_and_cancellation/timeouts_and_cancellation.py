"""Kata 10 — timeouts and cancellation (reference solution)."""

import asyncio


async def fetch_with_timeout(fetch, timeout: float):
    try:
        async with asyncio.timeout(timeout):
            return await fetch()
    except TimeoutError:
        return None


async def first_failure_cancels_all(jobs: list) -> list:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job()) for job in jobs]
    return [task.result() for task in tasks]


async def with_connection(pool, job):
    connection = await pool.acquire()
    try:
        return await job(connection)
    finally:
        pool.release(connection)


if __name__ == "__main__":

    async def demo():
        async def quick():
            await asyncio.sleep(0.1)
            return "quick"

        async def slow():
            await asyncio.sleep(10)
            return "slow"

        print(await fetch_with_timeout(quick, 1.0))  # quick
        print(await fetch_with_timeout(slow, 1.0))   # None, after 1 s

    asyncio.run(demo())
