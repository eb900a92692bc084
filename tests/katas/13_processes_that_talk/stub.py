"""Kata 13 — processes that talk.

A producer process sends items to a consumer process, which transforms each one and sends the results
back to the caller: once through multiprocessing.Queue, once through multiprocessing.Pipe.
Read README.md (or README.fr.md) for the whole exercise, then run `kata check 13`.
"""

import multiprocessing

SENTINEL = None  # sent after the last item: "nothing more will come"


def transform(item: int) -> int:
    """Given: the consumer's work on one item. Keep it, and call it by this name for each item
    (the checker replaces it while it checks, to see which process runs it)."""
    return item * item


def pipeline_queue(items: list[int]) -> list[int]:
    """Start a producer process that puts each item, then SENTINEL, on a multiprocessing.Queue, and a
    consumer process that gets them and puts transform(item) for each one on a second Queue, then SENTINEL.
    Read the results until SENTINEL, join both processes, and return the results in the order of `items`."""
    raise NotImplementedError("write pipeline_queue()")


def pipeline_pipe(items: list[int]) -> list[int]:
    """The same pipeline with multiprocessing.Pipe: one pipe from the producer to the consumer, one from
    the consumer back to the caller."""
    raise NotImplementedError("write pipeline_pipe()")


if __name__ == "__main__":
    print(pipeline_queue([1, 2, 3, 0, 4]))
    print(pipeline_pipe([1, 2, 3, 0, 4]))
