# expect: not-in-processes
# Only the consumer is a process: the caller puts the items itself instead of a producer process.
import multiprocessing


def transform(item):
    return item * item


def consumer(inbox, outbox):
    while (item := inbox.get()) is not None:
        outbox.put(transform(item))
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    worker = multiprocessing.Process(target=consumer, args=(inbox, outbox))
    worker.start()
    for item in items:
        inbox.put(item)
    inbox.put(None)
    results = []
    while (r := outbox.get()) is not None:
        results.append(r)
    worker.join()
    return results


def pipe_consumer(conn):
    while (item := conn.recv()) is not None:
        conn.send(transform(item))
    conn.send(None)


def pipeline_pipe(items):
    here, there = multiprocessing.Pipe()
    worker = multiprocessing.Process(target=pipe_consumer, args=(there,))
    worker.start()
    results = []
    for item in items:
        here.send(item)
        results.append(here.recv())
    here.send(None)
    here.recv()
    worker.join()
    return results
