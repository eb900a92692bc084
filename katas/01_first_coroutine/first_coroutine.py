"""Kata 01 — your first coroutine.

Write `task` as a coroutine that waits without blocking the event loop, and `main` that runs it.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 01`.
"""

import asyncio


async def task(name: str, duration: float) -> str:
    """Print "[<name>] start", wait `duration` seconds without blocking the event loop,
    print "[<name>] done", and return "result of <name>"."""
    raise NotImplementedError("write task()")


def main() -> str:
    """Run task("kata", 1.0) with asyncio.run and return its result."""
    raise NotImplementedError("write main()")


if __name__ == "__main__":
    print(main())
