# Right way: the pipe's end of stream is EOFError (every unused end closed), the queue side uses forkserver.
import multiprocessing

_fs = multiprocessing.get_context("forkserver") if "forkserver" in multiprocessing.get_all_start_methods() \
    else multiprocessing.get_context()


def transform(item):
    return item * item


def produce(items, q):
    for item in items:
        q.put(item)
    q.put(None)


def consume(inbox, outbox):
    while True:
        item = inbox.get()
        if item is None:
            break
        outbox.put(transform(item))
    outbox.put(None)


def pipeline_queue(items):
    inbox, outbox = _fs.Queue(), _fs.Queue()
    producer = _fs.Process(target=produce, args=(items, inbox))
    consumer = _fs.Process(target=consume, args=(inbox, outbox))
    producer.start()
    consumer.start()
    results = []
    while True:
        result = outbox.get()
        if result is None:
            break
        results.append(result)
    producer.join()
    consumer.join()
    return results


def produce_pipe(items, send_end, other_ends):
    for end in other_ends:
        end.close()
    for item in items:
        send_end.send(item)
    send_end.close()  # EOF for the consumer


def consume_pipe(recv_end, send_end, other_ends):
    for end in other_ends:
        end.close()
    try:
        while True:
            send_end.send(transform(recv_end.recv()))
    except EOFError:
        pass
    send_end.close()  # EOF for the caller


def pipeline_pipe(items):
    items_r, items_w = multiprocessing.Pipe(duplex=False)
    results_r, results_w = multiprocessing.Pipe(duplex=False)
    producer = multiprocessing.Process(target=produce_pipe, args=(items, items_w, [items_r, results_r, results_w]))
    consumer = multiprocessing.Process(target=consume_pipe, args=(items_r, results_w, [items_w, results_r]))
    producer.start()
    consumer.start()
    items_r.close()
    items_w.close()
    results_w.close()
    results = []
    try:
        while True:
            results.append(results_r.recv())
    except EOFError:
        pass
    producer.join()
    consumer.join()
    return results
