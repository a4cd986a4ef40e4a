// "Run from the page" (see CONTRIBUTING.md): only under `workbook serve`,
// which puts a per-start token in every page it serves. A book built with
// `workbook build` or the stock mdbook has no token, so this script does
// nothing there and no Run button appears.
//
// Each listing whose caption has a `cargo run` command gets a Run button,
// and so does each Python program (`python3 FILE`) when python3 is installed.
// The page names the listing only by the file its caption shows; the server
// looks that up in its own table and decides what runs. Output arrives as
// JSON lines ({"out": …}, {"err": …}, {"build": …}, then {"end": …}) and
// goes into a box under the listing; a Stop button ends the run.
//
// Edit (beside Run) asks the server for the whole file the caption names
// (the page may show only an excerpt) and puts it in a text area; Run then
// sends the edited text, which the server builds in a scratch copy of the
// package under target/edited/ (the book's file is never changed); compile
// errors arrive as build output. Reset puts the listing back as shown.
(function () {
    "use strict";
    var meta = document.querySelector('meta[name="threadwork-run-token"]');
    if (!meta || !window.fetch || !window.TextDecoder) {
        return;
    }
    var token = meta.getAttribute("content");
    var RUNNABLE = /^listings\/[^\/]+\/src\/(main\.rs|bin\/[^\/]+\.rs)$/;
    // The book's Python programs run as `python3 FILE` (no Edit for them);
    // the server says in a <meta> whether python3 is installed.
    var PYTHON = /^listings\/[^\/]+\/python\/[^\/]+\.py$/;
    var pythonMeta = document.querySelector('meta[name="threadwork-run-python"]');
    var HAS_PYTHON = !!pythonMeta && pythonMeta.getAttribute("content") === "yes";

    var EDIT_LIMIT = 64 * 1024;

    function post(path, body) {
        var headers = { "X-Threadwork-Token": token };
        var options = {
            method: "POST",
            headers: headers,
            cache: "no-store",
            credentials: "same-origin"
        };
        if (body !== undefined) {
            headers["Content-Type"] = "text/plain; charset=utf-8";
            options.body = body;
        }
        return fetch(path, options);
    }

    function setUp(caption) {
        var shows = (caption.getAttribute("data-shows") || "").split(":")[0];
        var command = caption.querySelector(".listing-run");
        var python = PYTHON.test(shows);
        if (!command || !(RUNNABLE.test(shows) || (python && HAS_PYTHON))) {
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
        run.title = python
            ? "Run this program with python3 on your machine"
            : "Build and run this listing on your machine";
        var stop = document.createElement("button");
        stop.type = "button";
        stop.className = "run-stop";
        stop.textContent = "Stop";
        stop.hidden = true;
        var edit = document.createElement("button");
        edit.type = "button";
        edit.className = "run-edit";
        edit.textContent = "Edit";
        edit.title = "Edit the whole file, then Run your version (the book's file is not changed)";
        var reset = document.createElement("button");
        reset.type = "button";
        reset.className = "run-reset";
        reset.textContent = "Reset";
        reset.title = "Put the listing back as the book shows it";
        reset.hidden = true;
        controls.appendChild(run);
        controls.appendChild(stop);
        if (!python) {
            controls.appendChild(edit);
            controls.appendChild(reset);
        }
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
        // The text area while the listing is being edited, else null.
        var editor = null;
        var editNote = null;

        function closeEditor() {
            if (editor) {
                editor.parentNode.removeChild(editor);
                editNote.parentNode.removeChild(editNote);
            }
            editor = null;
            editNote = null;
            code.style.display = "";
            edit.hidden = false;
            edit.disabled = false;
            reset.hidden = true;
        }

        edit.addEventListener("click", function () {
            edit.disabled = true;
            post("/__threadwork/source?listing=" + encodeURIComponent(shows)).then(function (response) {
                return response.text().then(function (text) {
                    if (!response.ok) {
                        throw new Error(text.trim() || "status " + response.status);
                    }
                    editNote = document.createElement("p");
                    editNote.className = "run-edit-note";
                    editNote.textContent = "Editing all of " + shows +
                        ". Run builds your version in target/edited/; the book's file is not changed.";
                    editor = document.createElement("textarea");
                    editor.className = "run-editor";
                    editor.value = text;
                    editor.spellcheck = false;
                    editor.setAttribute("autocapitalize", "off");
                    editor.setAttribute("autocomplete", "off");
                    editor.setAttribute("aria-label", "Source of " + shows);
                    editor.rows = Math.min(30, Math.max(8, text.split("\n").length + 1));
                    editor.addEventListener("keydown", function (event) {
                        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !run.hidden) {
                            event.preventDefault();
                            run.click();
                        }
                    });
                    code.parentNode.insertBefore(editNote, code);
                    code.parentNode.insertBefore(editor, code);
                    code.style.display = "none";
                    edit.hidden = true;
                    reset.hidden = false;
                    editor.focus();
                });
            }).catch(function (error) {
                edit.disabled = false;
                box.hidden = false;
                status.className = "run-status run-bad";
                status.textContent = "cannot edit: " + error.message;
            });
        });

        reset.addEventListener("click", closeEditor);

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
            var request;
            if (editor) {
                if (new Blob([editor.value]).size > EDIT_LIMIT) {
                    finish("not run: the edited file is over 64 KiB", "bad");
                    return;
                }
                status.textContent = "building and running your edit…";
                request = post("/__threadwork/edit?listing=" + encodeURIComponent(shows), editor.value);
            } else {
                status.textContent = python ? "running…" : "building and running…";
                request = post("/__threadwork/run?listing=" + encodeURIComponent(shows));
            }
            request.then(function (response) {
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
