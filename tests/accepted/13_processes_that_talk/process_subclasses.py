# Right way: Process subclasses with run(), a string sentinel, JoinableQueue-free plain queues.
import multiprocessing as mp

DONE = "DONE"


def transform(item: int) -> int:
    return item * item


class Producer(mp.Process):
    def __init__(self, items, channel):
        super().__init__(name="producer")
        self.items, self.channel = list(items), channel

    def run(self):
        for item in self.items:
            self.channel.put(item)
        self.channel.put(DONE)


class Consumer(mp.Process):
    def __init__(self, inbox, outbox):
        super().__init__(name="consumer")
        self.inbox, self.outbox = inbox, outbox

    def run(self):
        while True:
            item = self.inbox.get()
            if item == DONE:
                self.outbox.put(DONE)
                return
            self.outbox.put(transform(item))


def pipeline_queue(items):
    inbox, outbox = mp.Queue(), mp.Queue()
    workers = [Producer(items, inbox), Consumer(inbox, outbox)]
    for w in workers:
        w.start()
    out = []
    while (value := outbox.get()) != DONE:
        out.append(value)
    for w in workers:
        w.join()
        assert w.exitcode == 0
    return out


class PipeProducer(mp.Process):
    def __init__(self, items, conn):
        super().__init__()
        self.items, self.conn = list(items), conn

    def run(self):
        for item in self.items:
            self.conn.send(item)
        self.conn.send(DONE)


class PipeConsumer(mp.Process):
    def __init__(self, inbox, outbox):
        super().__init__()
        self.inbox, self.outbox = inbox, outbox

    def run(self):
        while (item := self.inbox.recv()) != DONE:
            self.outbox.send(transform(item))
        self.outbox.send(DONE)


def pipeline_pipe(items):
    recv_items, send_items = mp.Pipe(False)
    recv_results, send_results = mp.Pipe(False)
    workers = [PipeProducer(items, send_items), PipeConsumer(recv_items, send_results)]
    for w in workers:
        w.start()
    out = []
    while (value := recv_results.recv()) != DONE:
        out.append(value)
    for w in workers:
        w.join()
    return out
