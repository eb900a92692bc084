# kata: 03
# expect: tampered
# A sibling of race_increment_in_unmanaged_thread.py that would make its helper look managed: the racy
# read-modify-write runs in a `_thread` helper which registers itself with `schedmodel.run_managed`, naming a
# scheduler of its own making whose probe points do nothing (`_free = False`, `point()`, `note()`). The
# registry then told the watched `value`'s probe points that the helper was managed, by that scheduler: no
# stray was counted, nothing switched, and each increment ran whole: 10/10 with a racy counter. Now the
# registry accepts a thread only when run_managed was called by the checker's own code (a job's carrier, an
# adopted thread's run), and refuses anything else as `tampered`.
import _thread
import threading

from checker.child import schedmodel


class _Calm:
    _free = False

    def point(self, *args):
        pass

    def note(self, *args):
        pass


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def increment(self) -> None:
        done = _thread.allocate_lock()
        done.acquire()

        def bump():
            current = self.value
            self.value = current + 1  # racy

        def helper():
            try:
                schedmodel.run_managed(_Calm(), object(), bump)
            finally:
                done.release()

        _thread.start_new_thread(helper, ())
        done.acquire()


def count_with_threads(n_threads: int, increments_per_thread: int) -> int:
    counter = Counter()

    def work():
        for _ in range(increments_per_thread):
            counter.increment()

    threads = [threading.Thread(target=work) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value
