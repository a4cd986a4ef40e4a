"""threading.local: one connection per thread, opened on first use."""

import threading


class Connection:
    def __init__(self):
        self.opened_by = threading.current_thread().name
        self.queries = 0


local = threading.local()


def connection():
    # Each thread sees its own attributes on `local`, so this opens one
    # connection per thread and reuses it afterwards.
    if not hasattr(local, "connection"):
        local.connection = Connection()
    return local.connection


def look_up(book):
    connection().queries += 1


reports = {}


def worker(number):
    for book in range(number * 2):
        look_up(book)
    c = connection()
    reports[number] = f"connection opened by {c.opened_by}, queries run: {c.queries}"


threads = [threading.Thread(target=worker, args=(n,), name=f"worker-{n}") for n in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for number in sorted(reports):
    print(f"worker-{number}: {reports[number]}")

look_up(99)
print(f"main: connection opened by {connection().opened_by}, queries run: {connection().queries}")
