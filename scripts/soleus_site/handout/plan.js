// "Prepare for a patient" on the handout page: what the clinician types in the form is written
// into the plan on the sheet below, so that printing (or "Save as PDF") gives the patient their
// own plan. Nothing is kept or sent: no storage, no cookies, no request; closing the page forgets
// it. Without JavaScript the form is not shown (handout.css shows it only under html.js) and the
// sheet prints with its blanks.
(function () {
  "use strict";
  var section = document.getElementById("prepare");
  var form = section && section.querySelector("form");
  if (!form) return;
  var sheet = document.querySelector(".sheet");
  var status = section.querySelector(".prepare__status");
  var longDate = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function shown(field) {
    if (field.type === "date") {
      return field.value ? longDate.format(new Date(field.value + "T00:00:00Z")) : "";
    }
    return field.value.trim();
  }

  // Each named field to its place on the sheet: a line's words, or the tick in a box.
  function fillSheet() {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      if (field.type === "radio") {
        var box = sheet.querySelector('.box[data-plan="' + field.name + '"][data-value="' +
                                      field.value + '"]');
        if (box) box.classList.toggle("box--ticked", field.checked);
        // and in words, for a screen reader: the tick is a drawing
        var state = sheet.querySelector('.tick-state[data-plan="' + field.name + '"][data-value="' +
                                        field.value + '"]');
        if (state) state.textContent = field.checked ? state.dataset.ticked : state.dataset.notTicked;
        return;
      }
      var line = sheet.querySelector('.value[data-plan="' + field.name + '"]');
      if (line) line.textContent = shown(field);
    });
  }

  // Sets, repetitions and times a week: a whole number in the field's range (data-min, data-max:
  // what the exercise page's dosage gives), or "2 to 3", words after it allowed; empty is fine.
  // Otherwise the field says so beside it (its error is part of its description, aria-invalid).
  var checked = Array.prototype.filter.call(form.elements, function (field) {
    return field.hasAttribute("data-max");
  });

  function problem(field) {
    var entry = field.value.trim();
    if (!entry) return "";
    var min = Number(field.dataset.min), max = Number(field.dataset.max);
    var what = field.labels[0].textContent.trim();
    var wanted = "Enter a whole number from " + min + " to " + max + ", such as " + max + ".";
    var numbers = /^(\d+)(?:\s*(?:to|-|\u2013)\s*(\d+))?(?![.,]?\d)/.exec(entry);
    if (!numbers) {
      return what + " must start with a whole number. " + wanted + " Words may follow it.";
    }
    var low = Number(numbers[1]), high = numbers[2] === undefined ? low : Number(numbers[2]);
    if (high > max) {
      return what + ": " + numbers[0] + " is more than the exercise page gives. " + wanted;
    }
    if (low < min || low > high) return what + ": " + numbers[0] + " is not a number of " +
                                        field.dataset.noun + " to do. " + wanted;
    return "";
  }

  function showProblem(field) {
    var message = problem(field);
    var error = document.getElementById("error-" + field.name);
    var hint = field.getAttribute("aria-describedby") || "";
    var ids = hint.split(" ").filter(function (id) { return id && id !== error.id; });
    if (message) {
      ids.push(error.id);
      field.setAttribute("aria-invalid", "true");
    } else {
      field.removeAttribute("aria-invalid");
    }
    error.textContent = message;
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
    return !message;
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  form.addEventListener("input", function (event) {
    fillSheet();
    if (status) status.textContent = "";
    // an error goes as soon as the entry is right; a new one waits until the field is left
    if (event.target.hasAttribute("aria-invalid")) showProblem(event.target);
  });
  form.addEventListener("change", function (event) {
    fillSheet();
    if (event.target.hasAttribute("data-max")) showProblem(event.target);
  });
  // The form goes nowhere: Enter in a box must not send what was typed to any address.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      fillSheet();
      checked.forEach(showProblem);
      if (status) status.textContent = "Form cleared";  // a polite live region (role=status)
    }, 0);
  });
  // Printed only once every number is right; otherwise the first wrong one has the focus, and
  // its description (read out with it) says what to enter
  form.querySelector(".prepare__print").addEventListener("click", function () {
    var wrong = checked.filter(function (field) { return !showProblem(field); });
    if (wrong.length) wrong[0].focus();
    else window.print();
  });

  form.elements.date.defaultValue = today();  // kept by "Clear the form"
  form.elements.date.value = today();
  fillSheet();
})();
