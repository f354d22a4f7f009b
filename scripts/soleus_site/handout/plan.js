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
        if (state) state.textContent = field.checked ? " (ticked)" : " (not ticked)";
        return;
      }
      var line = sheet.querySelector('.value[data-plan="' + field.name + '"]');
      if (line) line.textContent = shown(field);
    });
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  form.addEventListener("input", fillSheet);
  form.addEventListener("change", fillSheet);
  // The form goes nowhere: Enter in a box must not send what was typed to any address.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(fillSheet, 0); });
  form.querySelector(".prepare__print").addEventListener("click", function () { window.print(); });

  form.elements.date.defaultValue = today();  // kept by "Clear the form"
  form.elements.date.value = today();
  fillSheet();
})();
