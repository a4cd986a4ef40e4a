"""threading.Timer: fire once after a delay, cancel, and kill a slow child."""

import subprocess
import sys
import threading
import time

start = time.monotonic()


def since_start():
    return time.monotonic() - start


# A Timer is a thread that waits, then calls its function once.
kettle = threading.Timer(0.2, lambda: print(f"kettle: fired after {since_start():.2f} s"))
kettle.start()
kettle.join()

# cancel() before the delay is up: the function never runs.
began = time.monotonic()
oven = threading.Timer(0.2, lambda: print("oven: fired (this never prints)"))
oven.start()
time.sleep(0.05)
oven.cancel()
oven.join()
print(f"oven: cancelled; its thread ended after {time.monotonic() - began:.2f} s")

# cancel() after it fired does nothing, and raises nothing.
toaster = threading.Timer(0.01, lambda: print("toaster: fired"))
toaster.start()
time.sleep(0.1)
toaster.cancel()
print("toaster: cancelled too late, no harm done")

# A watchdog: a Timer that kills a child process if it runs too long.
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
watchdog = threading.Timer(0.5, child.kill)
watchdog.start()
began = time.monotonic()
returncode = child.wait()  # returns when the child ends, by itself or killed
watchdog.cancel()  # in case it finished in time
print(f"child: ended after {time.monotonic() - began:.2f} s, returncode {returncode}")
