// The menu and the reader tools of every page (partials/header.html). No
// third-party script is loaded. Without scripts the menu is a plain list and
// the tools are not shown; the head's inline script has already applied the
// stored text size and contrast before the first paint, so this only wires
// the buttons and remembers the reader's choices in localStorage.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "guong-text-size";
  var CONTRAST_KEY = "guong-contrast";
  var MIN = -1;
  var MAX = 3;
  var PERCENT = { "-1": "90%", "0": "100%", "1": "115%", "2": "130%", "3": "150%" };

  function store(key, value) {
    try {
      if (value === null) {
        localStorage.removeItem(key);
      } else {
        localStorage.setItem(key, value);
      }
    } catch (e) {
      // Private modes may refuse storage: the choice holds for this page.
    }
  }

  // The disclosure menu: the button opens and closes the list; Escape closes
  // it and gives the focus back to the button.
  var toggle = document.querySelector(".nav-toggle");
  var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  function setOpen(open, focusButton) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open && focusButton) {
      toggle.focus();
    }
  }
  if (toggle && list) {
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true", false);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") {
        return;
      }
      var inside = list.contains(document.activeElement) || document.activeElement === toggle;
      setOpen(false, inside);
    });
    // A reader who tabs out of the open menu leaves it open on purpose only
    // on wide screens, where it is always shown; on a phone it folds.
    list.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !list.contains(ev.relatedTarget) && ev.relatedTarget !== toggle) {
        setOpen(false, false);
      }
    });
  }

  // Text size: A− and A+ step through PERCENT, A goes back to the default.
  var status = document.querySelector("[data-text-status]");
  function currentSize() {
    var n = parseInt(root.getAttribute("data-text-size") || "0", 10);
    return isNaN(n) ? 0 : Math.max(MIN, Math.min(MAX, n));
  }
  function showSize(n, announce) {
    document.querySelectorAll("button[data-text-size]").forEach(function (b) {
      var step = parseInt(b.getAttribute("data-text-size"), 10);
      b.disabled = (step < 0 && n <= MIN) || (step > 0 && n >= MAX);
    });
    if (announce && status) {
      status.textContent = status.getAttribute("data-text-status").replace("{0}", PERCENT[String(n)]);
    }
  }
  document.querySelectorAll("button[data-text-size]").forEach(function (b) {
    b.addEventListener("click", function () {
      var step = parseInt(b.getAttribute("data-text-size"), 10);
      var n = step === 0 ? 0 : Math.max(MIN, Math.min(MAX, currentSize() + step));
      if (n === 0) {
        root.removeAttribute("data-text-size");
        store(SIZE_KEY, null);
      } else {
        root.setAttribute("data-text-size", String(n));
        store(SIZE_KEY, String(n));
      }
      showSize(n, true);
    });
  });
  showSize(currentSize(), false);

  // High contrast: a switch, remembered either way (until the reader
  // chooses, the head follows the system's prefers-contrast: more).
  var contrast = document.querySelector("button[data-contrast]");
  if (contrast) {
    contrast.setAttribute("aria-pressed", root.classList.contains("contrast") ? "true" : "false");
    contrast.addEventListener("click", function () {
      var on = root.classList.toggle("contrast");
      contrast.setAttribute("aria-pressed", on ? "true" : "false");
      store(CONTRAST_KEY, on ? "1" : "0");
    });
  }
})();
