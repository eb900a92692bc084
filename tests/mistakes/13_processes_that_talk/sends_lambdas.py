# expect: not-picklable
# The producer sends work as lambdas for the consumer to call: a lambda cannot be pickled.
import multiprocessing


def transform(item):
    return item * item


def producer(items, q):
    for item in items:
        q.put(lambda item=item: transform(item))
    q.put(None)


def consumer(inbox, outbox):
    while (job := inbox.get()) is not None:
        outbox.put(job())
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(items, inbox))
    c = multiprocessing.Process(target=consumer, args=(inbox, outbox))
    p.start()
    c.start()
    results = []
    while (r := outbox.get()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results


def pipe_producer(items, conn):
    for item in items:
        conn.send(lambda item=item: transform(item))
    conn.send(None)


def pipe_consumer(inbox, outbox):
    while (job := inbox.recv()) is not None:
        outbox.send(job())
    outbox.send(None)


def pipeline_pipe(items):
    a_out, a_in = multiprocessing.Pipe(duplex=False)
    b_out, b_in = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=pipe_producer, args=(items, a_in))
    c = multiprocessing.Process(target=pipe_consumer, args=(a_out, b_in))
    p.start()
    c.start()
    results = []
    while (r := b_out.recv()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results
