# Right way: Manager queues handed to two tasks of a ProcessPoolExecutor, everything closed by `with`.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def transform(item):
    return item * item


def producer(items, q):
    for item in items:
        q.put(item)
    q.put(None)
    return len(items)


def consumer(inbox, outbox):
    count = 0
    while (item := inbox.get()) is not None:
        outbox.put(transform(item))
        count += 1
    outbox.put(None)
    return count


def pipeline_queue(items):
    with multiprocessing.Manager() as manager:
        inbox, outbox = manager.Queue(), manager.Queue()
        with ProcessPoolExecutor(max_workers=2) as pool:
            sent = pool.submit(producer, items, inbox)
            done = pool.submit(consumer, inbox, outbox)
            results = []
            while (r := outbox.get()) is not None:
                results.append(r)
            assert sent.result() == done.result() == len(items)
    return results


def pipe_producer(items, conn):
    for item in items:
        conn.send(item)
    conn.send(None)


def pipe_consumer(inbox, outbox):
    while (item := inbox.recv()) is not None:
        outbox.send(transform(item))
    outbox.send(None)


def pipeline_pipe(items):
    a_out, a_in = multiprocessing.Pipe(duplex=False)
    b_out, b_in = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=pipe_producer, args=(items, a_in), daemon=True)
    c = multiprocessing.Process(target=pipe_consumer, args=(a_out, b_in), daemon=True)
    p.start()
    c.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    p.join(timeout=10)
    c.join(timeout=10)
    return results
