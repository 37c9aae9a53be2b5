"""``kill -9`` of a writing process at random moments: the file stays sound, is never refused,
and every write the process acknowledged (after its commit returned) is there.

The writer reopens the database every few writes, so kills also land while it opens (migrations,
the daily check) and during the checkpoint a close makes. ``STUDYTRACK_FAULT_RUNS`` sets the
number of runs (30 by default).
"""

import os
import random
import signal
import time

from faults_helpers import FAULT_RUNS, fork, integrity, stored_notes, write_notes


def test_kill_9_mid_write_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "studytrack.db"
    chance = random.Random(os.environ.get("STUDYTRACK_FAULT_SEED", "kill-9"))
    acknowledged: set[str] = set()
    for run in range(max(FAULT_RUNS, 30)):
        read_end, write_end = os.pipe()
        pid = fork(
            lambda run=run, write_end=write_end: write_notes(
                path, f"run{run}", 100_000, reopen_every=chance.choice([5, 17, 40]), ack_fd=write_end
            ),
            tmp_path / f"error-{run}.txt",
        )
        os.close(write_end)
        time.sleep(chance.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as acks:
            lines = acks.read().decode().split("\n")[:-1]  # a line cut by the kill has no newline
        acknowledged |= {f"run{run}-{line}" for line in lines}
        stored = stored_notes(path)  # opened as studytrack opens it: never refused
        assert integrity(path) == ["ok"], f"run {run}"
        missing = acknowledged - stored
        assert not missing, f"run {run}: {len(missing)} acknowledged writes lost, e.g. {sorted(missing)[:3]}"
    assert acknowledged, "no write was acknowledged in any run: the kills came too early to test anything"
    print(f"kill -9: {max(FAULT_RUNS, 30)} runs, {len(acknowledged)} acknowledged writes, none lost")
