// guong's writer's desk: the form works without this script; with it, the
// form is checked as the writer types (the build's own checks, at each
// field), the body is previewed, and the toolbar, award rows and tags grow.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  if (!form) return;
  var body = document.getElementById("f-body");
  var csrf = form.elements.csrf.value;
  var sum = document.getElementById("sum");

  // The toolbar: Markdown around the selection, the selection kept.
  var toolbar = form.querySelector(".toolbar");
  toolbar.hidden = false;
  var marks = {
    bold: ["**", "**"], italic: ["_", "_"], heading: ["\n## ", ""], list: ["\n- ", ""],
    link: ["[", "](https://)"], image: ["![", "](anh.jpg)"]
  };
  toolbar.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-md]");
    if (!b) return;
    var m = marks[b.getAttribute("data-md")];
    var s = body.selectionStart, t = body.selectionEnd, v = body.value;
    body.value = v.slice(0, s) + m[0] + v.slice(s, t) + m[1] + v.slice(t);
    body.focus();
    body.setSelectionRange(s + m[0].length, t + m[0].length);
    schedule();
  });

  // The person's position, from the people already on the site.
  var person = document.getElementById("f-person");
  var position = document.getElementById("f-position");
  person.addEventListener("change", function () {
    document.querySelectorAll("#people option").forEach(function (o) {
      if (o.value === person.value && !position.value) position.value = o.getAttribute("data-position") || "";
    });
  });

  // Tags: a new empty box once the last one is used.
  var tags = document.getElementById("tag-inputs");
  tags.addEventListener("input", function () {
    var boxes = tags.querySelectorAll("input");
    var last = boxes[boxes.length - 1];
    if (last.value.trim() === "") return;
    var box = last.cloneNode(false);
    box.value = "";
    box.setAttribute("aria-label", last.getAttribute("aria-label").replace(/\d+$/, String(boxes.length + 1)));
    tags.appendChild(box);
  });

  // Awards: a button adds an empty row like the last.
  var rows = document.getElementById("award-rows");
  var add = document.getElementById("add-award");
  add.hidden = false;
  add.addEventListener("click", function () {
    var all = rows.querySelectorAll(".award");
    var last = all[all.length - 1];
    var n = all.length;
    var row = last.cloneNode(true);
    row.setAttribute("data-row", String(n));
    row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(/^a\d+-/, "a" + n + "-").replace(/^p-awards-\d+$/, "p-awards-" + n); });
    row.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace(/^a\d+-/, "a" + n + "-"); });
    row.querySelectorAll("[aria-describedby]").forEach(function (el) { el.setAttribute("aria-describedby", "p-awards-" + n); });
    row.querySelectorAll("input, select").forEach(function (el) { el.value = ""; });
    row.querySelectorAll(".problems li").forEach(function (li) { li.remove(); });
    var legend = row.querySelector("legend");
    legend.textContent = legend.textContent.replace(/\d+$/, String(n + 1));
    rows.appendChild(row);
    row.querySelector("select").focus();
  });

  // The check, as the writer types: debounced, the last answer wins.
  var timer = 0, seq = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  function check() {
    var data = new FormData(form);
    data.delete("coverFile");
    var mine = ++seq;
    sum.setAttribute("aria-busy", "true");
    fetch(form.action.replace(/luu$/, "kiem-tra"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Guong-CSRF": csrf, "Accept": "application/json" }
    }).then(function (r) { return r.json(); }).then(function (res) {
      if (mine !== seq || !res.problems) return;
      show(res);
    }).catch(function () {}).finally(function () { sum.removeAttribute("aria-busy"); });
  }
  function show(res) {
    form.querySelectorAll(".problems").forEach(function (ul) { ul.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var errors = 0;
    res.problems.forEach(function (p) {
      var ul = document.getElementById("p-" + p.field.replace(/\./g, "-")) || document.getElementById("p-file");
      var li = document.createElement("li");
      li.className = p.warning ? "warn" : "err";
      li.textContent = p.message;
      ul.appendChild(li);
      if (!p.warning) {
        errors++;
        var input = form.querySelector('[aria-describedby~="' + ul.id + '"]');
        if (input) input.setAttribute("aria-invalid", "true");
      }
    });
    var list = document.getElementById("sum-list");
    list.textContent = "";
    res.problems.forEach(function (p) {
      if (!p.input) return;
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = p.warning ? "warn" : "err";
      a.href = "#" + p.input;
      a.textContent = p.message;
      li.appendChild(a);
      list.appendChild(li);
    });
    var warnings = res.problems.length - errors;
    sum.textContent = res.problems.length === 0 ? sum.getAttribute("data-none")
      : sum.getAttribute("data-count").replace("%d", errors).replace("%d", warnings);
    document.getElementById("live").innerHTML = res.body;
  }

  // Ctrl+S (⌘S) saves.
  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      form.requestSubmit();
    }
  });
})();
