"""Daemon threads are cut off at exit, unflushed writes with them.

Daemon threads are cut off when the interpreter exits, and so is anything
they had not yet flushed to a file. The default, a non-daemon thread, is
waited for; os._exit waits for nothing at all."""

import os
import subprocess
import sys
import tempfile
import threading
import time

RECORDS = 400
HALFWAY = 250


def record(n):
    return f"record {n:03} of {RECORDS}: 21.5 degrees Celsius\n"


def child(how, path):
    halfway = threading.Event()

    def write_records():
        # A file opened for writing is buffered: data reaches the file in
        # chunks of about 8 KiB, and the rest when the file is closed.
        with open(path, "w") as out:
            for n in range(1, RECORDS + 1):
                time.sleep(0.001)  # producing a record takes time
                out.write(record(n))
                if n == HALFWAY:
                    halfway.set()

    writer = threading.Thread(target=write_records, daemon=(how == "daemon=True"))
    writer.start()
    halfway.wait()
    if how == "os._exit":
        os._exit(0)  # ends the process now: no joining, no flushing
    # Falling off the end: the interpreter waits for non-daemon threads,
    # and abandons daemon threads wherever they are.


def main():
    path = os.path.join(tempfile.gettempdir(), f"ch07-records-{os.getpid()}.py.txt")
    for how in ["daemon=True", "os._exit", "default"]:
        # Run this file again as a child process, then read what it left.
        subprocess.run([sys.executable, __file__, how, path], check=True)
        with open(path) as f:
            records = f.read().count("\n")
        print(f"{how:>11}: the file holds {records} of {RECORDS} records")
    os.remove(path)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        child(sys.argv[1], sys.argv[2])
    else:
        main()
