"""Kata 01 — reference solution."""

import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    return asyncio.run(task("kata", 1.0))


if __name__ == "__main__":
    print(main())
