# expect: spawn-unsafe
# pipeline_pipe stores the pipe ends in globals before starting the processes: a spawned process never sees them.
import multiprocessing

items_in = items_out = results_in = None


def transform(item):
    return item * item


def queue_producer(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def queue_consumer(inbox, outbox):
    while (item := inbox.get()) is not None:
        outbox.put(transform(item))
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=queue_producer, args=(items, inbox))
    c = multiprocessing.Process(target=queue_consumer, args=(inbox, outbox))
    p.start()
    c.start()
    results = []
    while (r := outbox.get()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results


def producer(items):
    for item in items:
        items_in.send(item)
    items_in.send(None)


def consumer():
    while (item := items_out.recv()) is not None:
        results_in.send(transform(item))
    results_in.send(None)


def pipeline_pipe(items):
    global items_in, items_out, results_in
    items_out, items_in = multiprocessing.Pipe(duplex=False)
    results_out, results_in = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=producer, args=(items,))
    c = multiprocessing.Process(target=consumer)
    p.start()
    c.start()
    results = []
    while (r := results_out.recv()) is not None:
        results.append(r)
    p.join()
    c.join()
    return results
