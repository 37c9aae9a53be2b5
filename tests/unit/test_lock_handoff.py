"""The interpreter's switch interval while workers run: shortened by the first, set back by the last."""

import sys
import threading

from studytrack.ui.lock_handoff import HANDOFF, handing_over_often


def test_overlapping_workers_leave_the_interval_as_they_found_it():
    before = sys.getswitchinterval()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[float] = []

    def first() -> None:
        with handing_over_often():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with handing_over_often():
            second_in.set()
            first_out.wait(5)
            seen.append(sys.getswitchinterval())  # the first left: still short while this one runs

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [HANDOFF]
    assert sys.getswitchinterval() == before
