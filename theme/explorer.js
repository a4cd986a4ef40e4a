// The interleaving explorer of chapter 3: the reader steps two threads, A and
// B, through adding 1 to one shared counter, in whatever order they choose,
// and sees each thread's local copy (its register), the counter, and whether
// an update was lost. Three versions: load-then-store (which races), one
// fetch_add (atomic), and the whole add under a Mutex (locked).
//
// Plain JavaScript, no network: it works from file:// as well as served.
// Each `<div class="interleaving-explorer">` on a page holds a static,
// no-JavaScript version of one losing order; this script replaces it.
(function () {
    "use strict";

    // Each version is the program both threads run, one entry per step.
    var VERSIONS = {
        race: {
            label: "load, then store",
            steps: [
                { kind: "load", code: "let mut seen = counter.load(Relaxed);" },
                { kind: "add", code: "seen += 1;" },
                { kind: "store", code: "counter.store(seen, Relaxed);" }
            ]
        },
        atomic: {
            label: "fetch_add",
            steps: [
                { kind: "fetch_add", code: "let old = counter.fetch_add(1, Relaxed);" }
            ]
        },
        locked: {
            label: "Mutex",
            steps: [
                { kind: "lock", code: "let mut guard = counter.lock().unwrap();" },
                { kind: "load", code: "let mut seen = *guard;" },
                { kind: "add", code: "seen += 1;" },
                { kind: "store", code: "*guard = seen;" },
                { kind: "unlock", code: "drop(guard); // unlocks" }
            ]
        }
    };
    var THREADS = ["A", "B"];
    var REPLAY_DELAY_MS = 450;
    var explorers = 0;

    function other(thread) {
        return thread === "A" ? "B" : "A";
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function Explorer(root) {
        explorers += 1;
        this.root = root;
        this.name = "interleaving-explorer-" + explorers;
        this.version = "race";
        this.replayTimer = null;
        this.build();
        this.reset();
    }

    Explorer.prototype.build = function () {
        var self = this;
        var root = this.root;
        // The no-JavaScript table moves out of the explorer, just after it:
        // hidden on screen, it is what a printed page shows (theme/print.css).
        var printed = element("div", "ie-static");
        while (root.firstChild) {
            printed.appendChild(root.firstChild);
        }
        root.parentNode.insertBefore(printed, root.nextSibling);
        root.classList.add("ie-live");
        root.setAttribute("role", "group");
        root.setAttribute("aria-label", "Interleaving explorer: two threads add 1 to one counter");

        var modes = element("fieldset", "ie-modes");
        modes.appendChild(element("legend", null, "Version"));
        Object.keys(VERSIONS).forEach(function (key) {
            var label = element("label", "ie-mode");
            var input = document.createElement("input");
            input.type = "radio";
            input.name = self.name + "-version";
            input.value = key;
            input.checked = key === self.version;
            input.addEventListener("change", function () {
                if (input.checked) {
                    self.stopReplay();
                    self.version = key;
                    self.reset();
                }
            });
            label.appendChild(input);
            label.appendChild(document.createTextNode(" "));
            label.appendChild(element("code", null, VERSIONS[key].label));
            modes.appendChild(label);
        });
        root.appendChild(modes);

        var shared = element("div", "ie-shared");
        shared.appendChild(element("span", "ie-shared-name", "shared counter"));
        this.counterView = element("span", "ie-counter", "0");
        shared.appendChild(this.counterView);
        this.lockView = element("span", "ie-lock");
        shared.appendChild(this.lockView);
        root.appendChild(shared);

        var board = element("div", "ie-board");
        this.views = {};
        THREADS.forEach(function (thread) {
            var column = element("div", "ie-thread");
            column.setAttribute("data-thread", thread);
            column.appendChild(element("div", "ie-thread-name", "Thread " + thread));
            var program = element("ol", "ie-program");
            column.appendChild(program);
            var register = element("div", "ie-register-line");
            register.appendChild(document.createTextNode("register (its own copy): "));
            var value = element("span", "ie-register");
            register.appendChild(value);
            column.appendChild(register);
            var state = element("div", "ie-thread-state");
            column.appendChild(state);
            var button = element("button", "ie-step", thread + ": next step");
            button.type = "button";
            button.setAttribute("data-thread", thread);
            button.addEventListener("click", function () {
                self.stopReplay();
                self.step(thread);
            });
            column.appendChild(button);
            board.appendChild(column);
            self.views[thread] = {
                program: program,
                register: value,
                state: state,
                button: button
            };
        });
        root.appendChild(board);

        var controls = element("div", "ie-controls");
        this.replayButton = element("button", "ie-replay", "Replay: A, B, A, B, \u2026");
        this.replayButton.type = "button";
        this.replayButton.title = "Start again and let the threads take turns, one step each";
        this.replayButton.addEventListener("click", function () {
            self.replay();
        });
        var resetButton = element("button", "ie-reset", "Reset");
        resetButton.type = "button";
        resetButton.addEventListener("click", function () {
            self.stopReplay();
            self.reset();
        });
        controls.appendChild(this.replayButton);
        controls.appendChild(resetButton);
        root.appendChild(controls);

        this.statusView = element("p", "ie-status");
        this.statusView.setAttribute("aria-live", "polite");
        root.appendChild(this.statusView);
        this.verdictView = element("p", "ie-verdict");
        this.verdictView.setAttribute("aria-live", "polite");
        root.appendChild(this.verdictView);

        var table = element("table", "ie-log");
        var head = element("thead");
        var headRow = element("tr");
        ["step", "thread A", "thread B", "counter"].forEach(function (title) {
            headRow.appendChild(element("th", null, title));
        });
        head.appendChild(headRow);
        table.appendChild(head);
        this.logBody = element("tbody");
        table.appendChild(this.logBody);
        root.appendChild(table);
    };

    Explorer.prototype.reset = function () {
        var self = this;
        this.counter = 0;
        this.lockHolder = null;
        this.history = [];
        this.threads = {};
        THREADS.forEach(function (thread) {
            self.threads[thread] = { next: 0, register: null, blocked: false };
        });
        this.status = "Both threads are about to add 1 to the counter, which starts at 0. " +
            "Choose which thread takes the next step.";
        this.logBody.textContent = "";
        this.logBody.parentNode.hidden = true;
        this.render();
    };

    Explorer.prototype.steps = function () {
        return VERSIONS[this.version].steps;
    };

    Explorer.prototype.finished = function (thread) {
        return this.threads[thread].next >= this.steps().length;
    };

    // Takes `thread`'s next step, or records that it waits for the lock.
    Explorer.prototype.step = function (thread) {
        if (this.finished(thread)) {
            return;
        }
        var me = this.threads[thread];
        var step = this.steps()[me.next];
        var did;
        switch (step.kind) {
        case "load":
            me.register = this.counter;
            did = "load " + this.counter;
            this.status = thread + " loaded " + this.counter + " into its register.";
            break;
        case "add":
            me.register += 1;
            did = "seen += 1 \u2192 " + me.register;
            this.status = thread + " added 1 in its register: " + me.register +
                ". The shared counter is still " + this.counter + ".";
            break;
        case "store":
            this.counter = me.register;
            did = "store " + me.register;
            this.status = thread + " stored " + me.register + " into the shared counter.";
            break;
        case "fetch_add":
            me.register = this.counter;
            this.counter += 1;
            did = "fetch_add: " + me.register + " \u2192 " + this.counter;
            this.status = thread + " loaded " + me.register + ", added 1 and stored " +
                this.counter + " in one indivisible step.";
            break;
        case "lock":
            if (this.lockHolder !== null && this.lockHolder !== thread) {
                me.blocked = true;
                this.status = thread + " is blocked: " + this.lockHolder +
                    " holds the lock, so " + thread + "\u2019s lock() waits until " +
                    this.lockHolder + " unlocks.";
                this.record(thread, "lock(): waits for " + this.lockHolder, true);
                this.render();
                return;
            }
            me.blocked = false;
            this.lockHolder = thread;
            did = "lock(): acquired";
            this.status = thread + " took the lock." + (this.finished(other(thread)) ? ""
                : " Until " + thread + " unlocks, " + other(thread) + " cannot take it.");
            break;
        case "unlock":
            this.lockHolder = null;
            did = "unlock";
            this.status = thread + " unlocked.";
            if (this.threads[other(thread)].blocked) {
                // A real lock() would return now; here the waiting thread's
                // next step takes the lock.
                this.threads[other(thread)].blocked = false;
                this.status += " " + other(thread) + " is no longer blocked: its next step " +
                    "takes the lock.";
            }
            break;
        }
        me.next += 1;
        this.record(thread, did, false);
        this.render();
    };

    Explorer.prototype.record = function (thread, did, waited) {
        this.history.push({ thread: thread, did: did, waited: waited });
        var row = element("tr", waited ? "ie-waited" : null);
        row.appendChild(element("td", null, String(this.history.length)));
        row.appendChild(element("td", null, thread === "A" ? did : ""));
        row.appendChild(element("td", null, thread === "B" ? did : ""));
        row.appendChild(element("td", null, String(this.counter)));
        this.logBody.appendChild(row);
        this.logBody.parentNode.hidden = false;
    };

    // The index in the history of `thread`'s first step of `kind`.
    Explorer.prototype.when = function (thread, kind) {
        var steps = this.steps();
        var seen = 0;
        for (var i = 0; i < this.history.length; i += 1) {
            var entry = this.history[i];
            if (entry.thread !== thread || entry.waited) {
                continue;
            }
            if (steps[seen].kind === kind) {
                return i;
            }
            seen += 1;
        }
        return -1;
    };

    // One sentence: was an update lost, and why.
    Explorer.prototype.verdict = function () {
        var firstStore = this.when("A", "store") < this.when("B", "store") ? "A" : "B";
        var lastStore = other(firstStore);
        if (this.counter !== 2) {
            return "Update lost: the counter is " + this.counter + ", not 2. Both threads loaded 0 " +
                "before either stored, so " + lastStore + "\u2019s store of 1 overwrote " +
                firstStore + "\u2019s.";
        }
        if (this.version === "atomic") {
            var first = this.when("A", "fetch_add") < this.when("B", "fetch_add") ? "A" : "B";
            return "Both updates counted: the counter is 2. Each fetch_add loaded, added and " +
                "stored in one step, so " + other(first) + "\u2019s could only come after " +
                first + "\u2019s, and no order of the two can lose one.";
        }
        if (this.version === "locked") {
            var holder = this.when("A", "lock") < this.when("B", "lock") ? "A" : "B";
            return "Both updates counted: the counter is 2. " + other(holder) +
                " could not take the lock until " + holder + " had stored 1 and unlocked, " +
                "so " + other(holder) + " loaded 1.";
        }
        return "Both updates counted: the counter is 2. " + firstStore + " stored 1 before " +
            lastStore + " loaded, so " + lastStore + " started from 1.";
    };

    Explorer.prototype.render = function () {
        var self = this;
        var steps = this.steps();
        var done = THREADS.every(function (thread) { return self.finished(thread); });
        var replaying = this.replayTimer !== null;
        this.root.setAttribute("data-version", this.version);
        this.counterView.textContent = String(this.counter);
        if (this.version === "locked") {
            this.lockView.hidden = false;
            this.lockView.textContent = this.lockHolder === null
                ? "lock: free" : "lock: held by " + this.lockHolder;
        } else {
            this.lockView.hidden = true;
            this.lockView.textContent = "";
        }
        THREADS.forEach(function (thread) {
            var me = self.threads[thread];
            var view = self.views[thread];
            view.program.textContent = "";
            steps.forEach(function (step, i) {
                var line = element("li", i < me.next ? "ie-done" : (i === me.next ? "ie-next" : null));
                line.appendChild(element("code", null, step.code));
                if (i === me.next) {
                    line.setAttribute("aria-current", "step");
                }
                view.program.appendChild(line);
            });
            view.register.textContent = me.register === null ? "\u2014" : String(me.register);
            var state;
            if (self.finished(thread)) {
                state = "finished";
            } else if (me.blocked) {
                state = "blocked: waits for the lock";
            } else {
                state = "next: step " + (me.next + 1) + " of " + steps.length;
            }
            view.state.textContent = state;
            view.state.className = "ie-thread-state" + (me.blocked ? " ie-blocked" : "");
            var hadFocus = document.activeElement === view.button;
            // A blocked thread's lock() cannot complete until the other
            // thread unlocks: nothing to click until then.
            view.button.disabled = self.finished(thread) || me.blocked || replaying;
            if (hadFocus && view.button.disabled && !replaying) {
                // Keep the keyboard in the explorer: on to the other thread.
                var rest = self.views[other(thread)].button;
                (self.finished(other(thread)) ? self.replayButton : rest).focus();
            }
            view.button.parentNode.setAttribute("data-blocked", me.blocked ? "true" : "false");
        });
        this.statusView.textContent = this.status;
        if (done) {
            var lost = this.counter !== 2;
            this.root.setAttribute("data-outcome", lost ? "lost" : "counted");
            this.verdictView.textContent = this.verdict();
            this.verdictView.className = "ie-verdict " + (lost ? "ie-lost" : "ie-counted");
            this.verdictView.hidden = false;
        } else {
            this.root.setAttribute("data-outcome", "running");
            this.verdictView.textContent = "";
            this.verdictView.className = "ie-verdict";
            this.verdictView.hidden = true;
        }
    };

    // Starts again and lets the threads take turns, one step each, A first;
    // a finished thread's turn passes to the other.
    Explorer.prototype.replay = function () {
        var self = this;
        this.stopReplay();
        this.reset();
        var turn = "A";
        function next() {
            if (THREADS.every(function (thread) { return self.finished(thread); })) {
                self.replayTimer = null;
                self.render();
                return;
            }
            if (self.finished(turn)) {
                turn = other(turn);
            }
            self.step(turn);
            turn = other(turn);
            self.replayTimer = window.setTimeout(next, REPLAY_DELAY_MS);
        }
        this.replayTimer = window.setTimeout(next, REPLAY_DELAY_MS);
        this.render();
    };

    Explorer.prototype.stopReplay = function () {
        if (this.replayTimer !== null) {
            window.clearTimeout(this.replayTimer);
            this.replayTimer = null;
        }
    };

    function start() {
        var roots = document.querySelectorAll(".interleaving-explorer");
        for (var i = 0; i < roots.length; i += 1) {
            new Explorer(roots[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
