// Share box of a story page (partials/share.html). Without scripts the
// story's address stays selectable in its read-only field; with them this
// shows a button that copies it, and, where the browser has one (phones),
// a button that opens the system's share sheet (Zalo, Messenger, mail…).
// No third-party script is loaded.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest(".share-copy").querySelector(".share-status");
    if (!input) {
      return;
    }
    function done() {
      if (status) {
        status.textContent = button.getAttribute("data-copied");
      }
    }
    function selectAndCopy() {
      input.focus();
      input.select();
      try {
        if (document.execCommand("copy")) {
          done();
        }
      } catch (e) {
        // The address stays selected for the reader to copy.
      }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, selectAndCopy);
      } else {
        selectAndCopy();
      }
    });
  });
  document.querySelectorAll("[data-share-url]").forEach(function (button) {
    if (!navigator.share) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({
        title: button.getAttribute("data-share-title"),
        url: button.getAttribute("data-share-url")
      }).catch(function () {
        // Cancelled by the reader.
      });
    });
  });
})();
