"""When the main thread finishes first, in Python.

When the main thread finishes first: non-daemon threads keep the program
alive, daemon threads are cut off."""

import threading
import time


def copy_book(who, seconds):
    time.sleep(seconds)
    print(f"{who}: finished copying")


threading.Thread(target=copy_book, args=("copier", 0.3)).start()
threading.Thread(target=copy_book, args=("daemon copier", 3), daemon=True).start()
print("main: started a copier and a daemon copier")

time.sleep(0.1)
print("main: all done")
# The interpreter now waits for the copier (not a daemon) before it exits,
# and drops the daemon copier mid-sleep.
