// "Check your understanding" quizzes (see CONTRIBUTING.md, "Adding a quiz").
//
// The `threadwork` preprocessor renders each quiz as plain HTML: the choices
// are ordinary radio buttons or checkboxes, and the answer and explanation
// are folded in a <details>, so the page works without this script. The
// right choices are in each question's `data-answer` (indices, separated by
// spaces). This script hides the folded answers and adds, per question, a
// Check button that says right or wrong and shows the explanation, and a Try
// again button. Nothing is fetched and nothing is stored.
(function () {
    "use strict";

    function setUp(question) {
        var answer = (question.getAttribute("data-answer") || "")
            .split(" ")
            .filter(function (part) { return part !== ""; })
            .sort();
        var inputs = Array.prototype.slice.call(question.querySelectorAll(".quiz-choices input"));
        var details = question.querySelector("details.quiz-answer");
        if (inputs.length === 0 || answer.length === 0 || !details) {
            return;
        }

        var controls = document.createElement("div");
        controls.className = "quiz-controls";
        var check = document.createElement("button");
        check.type = "button";
        check.className = "quiz-check";
        check.textContent = "Check";
        var retry = document.createElement("button");
        retry.type = "button";
        retry.className = "quiz-retry";
        retry.textContent = "Try again";
        retry.hidden = true;
        var feedback = document.createElement("p");
        feedback.className = "quiz-feedback";
        feedback.setAttribute("role", "status");
        feedback.setAttribute("aria-live", "polite");
        controls.appendChild(check);
        controls.appendChild(retry);
        controls.appendChild(feedback);
        question.insertBefore(controls, details);
        details.hidden = true;

        function chosen() {
            return inputs
                .filter(function (input) { return input.checked; })
                .map(function (input) { return input.value; })
                .sort();
        }

        check.addEventListener("click", function () {
            var picked = chosen();
            if (picked.length === 0) {
                question.removeAttribute("data-result");
                feedback.textContent = "Pick an answer first.";
                return;
            }
            var right = picked.join(" ") === answer.join(" ");
            question.setAttribute("data-result", right ? "right" : "wrong");
            feedback.textContent = right
                ? "Right."
                : (answer.length > 1
                    ? "Wrong: the right answer is every choice marked above, and only those."
                    : "Wrong: the right answer is marked above.");
            inputs.forEach(function (input) {
                var label = input.closest(".quiz-choice");
                input.disabled = true;
                if (label) {
                    label.classList.toggle("quiz-is-answer", answer.indexOf(input.value) >= 0);
                    label.classList.toggle("quiz-was-picked", input.checked);
                }
            });
            details.hidden = false;
            details.open = true;
            check.hidden = true;
            retry.hidden = false;
            retry.focus();
        });

        retry.addEventListener("click", function () {
            question.removeAttribute("data-result");
            feedback.textContent = "";
            inputs.forEach(function (input) {
                var label = input.closest(".quiz-choice");
                input.disabled = false;
                input.checked = false;
                if (label) {
                    label.classList.remove("quiz-is-answer", "quiz-was-picked");
                }
            });
            details.open = false;
            details.hidden = true;
            retry.hidden = true;
            check.hidden = false;
            inputs[0].focus();
        });
    }

    function start() {
        document.querySelectorAll(".quiz").forEach(function (quiz) {
            quiz.classList.add("quiz-live");
            quiz.querySelectorAll(".quiz-question").forEach(setUp);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
