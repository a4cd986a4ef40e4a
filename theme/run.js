// "Run from the page" (see CONTRIBUTING.md): only under `workbook serve`,
// which puts a per-start token in every page it serves. A book built with
// `workbook build` or the stock mdbook has no token, so this script does
// nothing there and no Run button appears.
//
// Each listing whose caption has a `cargo run` command gets a Run button.
// The page names the listing only by the file its caption shows; the server
// looks that up in its own table and decides what runs. Output arrives as
// JSON lines ({"out": …}, {"err": …}, {"build": …}, then {"end": …}) and
// goes into a box under the listing; a Stop button ends the run.
(function () {
    "use strict";
    var meta = document.querySelector('meta[name="threadwork-run-token"]');
    if (!meta || !window.fetch || !window.TextDecoder) {
        return;
    }
    var token = meta.getAttribute("content");
    var RUNNABLE = /^listings\/[^\/]+\/src\/(main\.rs|bin\/[^\/]+\.rs)$/;

    function post(path) {
        return fetch(path, {
            method: "POST",
            headers: { "X-Threadwork-Token": token },
            cache: "no-store",
            credentials: "same-origin"
        });
    }

    function setUp(caption) {
        var shows = (caption.getAttribute("data-shows") || "").split(":")[0];
        var command = caption.querySelector(".listing-run");
        if (!RUNNABLE.test(shows) || !command) {
            return;
        }
        var code = caption.nextElementSibling;
        while (code && code.tagName !== "PRE") {
            code = code.nextElementSibling;
        }
        if (!code) {
            return;
        }

        var controls = document.createElement("span");
        controls.className = "run-controls";
        var run = document.createElement("button");
        run.type = "button";
        run.className = "run-start";
        run.textContent = "Run";
        run.title = "Build and run this listing on your machine";
        var stop = document.createElement("button");
        stop.type = "button";
        stop.className = "run-stop";
        stop.textContent = "Stop";
        stop.hidden = true;
        controls.appendChild(run);
        controls.appendChild(stop);
        caption.appendChild(controls);

        var box = document.createElement("div");
        box.className = "run-box";
        box.hidden = true;
        var output = document.createElement("pre");
        output.className = "run-output";
        output.setAttribute("aria-live", "polite");
        var status = document.createElement("p");
        status.className = "run-status";
        status.setAttribute("role", "status");
        box.appendChild(output);
        box.appendChild(status);
        code.parentNode.insertBefore(box, code.nextSibling);

        var runId = null;

        function show(kind, text) {
            var part = document.createElement("span");
            part.className = "run-" + kind;
            part.textContent = text;
            output.appendChild(part);
            output.scrollTop = output.scrollHeight;
        }

        function finish(text, kind) {
            status.textContent = text;
            status.className = "run-status" + (kind ? " run-" + kind : "");
            run.hidden = false;
            run.disabled = false;
            stop.hidden = true;
            runId = null;
        }

        function handle(event) {
            if (event.run !== undefined) {
                runId = event.run;
                stop.disabled = false;
            } else if (event.build !== undefined) {
                show("build", event.build);
            } else if (event.out !== undefined) {
                show("out", event.out);
            } else if (event.err !== undefined) {
                show("err", event.err);
            } else if (event.note !== undefined) {
                show("note", "\n[" + event.note + "]\n");
            } else if (event.end !== undefined) {
                var time = typeof event.elapsed === "number"
                    ? " · " + event.elapsed.toFixed(1) + " s"
                    : "";
                if (event.end === "exit") {
                    finish("exit " + event.code + time, event.code === 0 ? "good" : "bad");
                } else if (event.end === "deadline") {
                    finish("stopped at its deadline" + time, "bad");
                } else if (event.end === "signal") {
                    finish("killed by signal " + event.signal + time, "bad");
                } else if (event.end === "stopped") {
                    finish("stopped" + time, "bad");
                } else {
                    finish(event.end + (event.during ? " " + event.during : "") + time, "bad");
                }
            }
        }

        run.addEventListener("click", function () {
            output.textContent = "";
            box.hidden = false;
            run.hidden = true;
            stop.hidden = false;
            stop.disabled = true;
            status.className = "run-status";
            status.textContent = "building and running…";
            post("/__threadwork/run?listing=" + encodeURIComponent(shows)).then(function (response) {
                if (!response.ok || !response.body) {
                    return response.text().then(function (why) {
                        // A new start of the server has a new token.
                        var hint = response.status === 403
                            ? " (if the server was restarted, reload the page)"
                            : "";
                        finish("not run: " + why.trim() + hint, "bad");
                    });
                }
                var reader = response.body.getReader();
                var decoder = new TextDecoder();
                var pending = "";
                function pump() {
                    return reader.read().then(function (chunk) {
                        if (chunk.done) {
                            if (runId !== null) {
                                finish("the server closed the run", "bad");
                            }
                            return;
                        }
                        pending += decoder.decode(chunk.value, { stream: true });
                        var lines = pending.split("\n");
                        pending = lines.pop();
                        lines.forEach(function (line) {
                            if (line.trim() !== "") {
                                handle(JSON.parse(line));
                            }
                        });
                        return pump();
                    });
                }
                return pump();
            }).catch(function (error) {
                finish("the run failed: " + error.message, "bad");
            });
        });

        stop.addEventListener("click", function () {
            if (runId === null) {
                return;
            }
            stop.disabled = true;
            post("/__threadwork/stop?run=" + runId).catch(function () {
                stop.disabled = false;
            });
        });
    }

    Array.prototype.forEach.call(
        document.querySelectorAll(".listing-caption[data-shows]"),
        setUp
    );
})();
