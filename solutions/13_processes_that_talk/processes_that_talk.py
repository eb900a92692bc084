"""Kata 13 — reference solution."""

import multiprocessing

SENTINEL = None  # None stays None after pickling: `is SENTINEL` works in every process


def transform(item: int) -> int:
    return item * item


# The process targets are defined at the top level: a process started with spawn imports this module
# again and finds them by name. Everything they use comes in as arguments.

def produce_to_queue(items, outbox):
    for item in items:
        outbox.put(item)
    outbox.put(SENTINEL)


def consume_from_queue(inbox, outbox):
    while (item := inbox.get()) is not SENTINEL:  # `is`, not truthiness: 0 is a real item
        outbox.put(transform(item))
    outbox.put(SENTINEL)


def pipeline_queue(items: list[int]) -> list[int]:
    to_consumer, to_caller = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce_to_queue, args=(items, to_consumer))
    consumer = multiprocessing.Process(target=consume_from_queue, args=(to_consumer, to_caller))
    producer.start()
    consumer.start()
    results = []
    while (result := to_caller.get()) is not SENTINEL:
        results.append(result)
    # Join after reading: a process that still has data in its queue cannot exit.
    producer.join()
    consumer.join()
    return results


def produce_to_pipe(items, conn):
    for item in items:
        conn.send(item)
    conn.send(SENTINEL)
    conn.close()


def consume_from_pipe(inbox, outbox):
    while (item := inbox.recv()) is not SENTINEL:
        outbox.send(transform(item))
    outbox.send(SENTINEL)
    inbox.close()
    outbox.close()


def pipeline_pipe(items: list[int]) -> list[int]:
    items_out, items_in = multiprocessing.Pipe(duplex=False)  # (receiving end, sending end)
    results_out, results_in = multiprocessing.Pipe(duplex=False)
    producer = multiprocessing.Process(target=produce_to_pipe, args=(items, items_in))
    consumer = multiprocessing.Process(target=consume_from_pipe, args=(items_out, results_in))
    producer.start()
    consumer.start()
    for end in (items_in, items_out, results_in):  # the children have their copies; keep only ours
        end.close()
    results = []
    while (result := results_out.recv()) is not SENTINEL:
        results.append(result)
    results_out.close()
    producer.join()
    consumer.join()
    return results


if __name__ == "__main__":
    print(pipeline_queue([1, 2, 3, 0, 4]))
    print(pipeline_pipe([1, 2, 3, 0, 4]))
