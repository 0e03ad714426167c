// "Nghe đọc bài" on a story page (layouts/story.html): reads the story
// aloud with the browser's own speech synthesis, in a Vietnamese voice. The
// buttons stay hidden where the browser has no Vietnamese voice (the voice
// list may arrive late: voiceschanged) or no speech synthesis at all. No
// third-party script or service is used.
(function () {
  "use strict";
  var box = document.querySelector("[data-listen]");
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var lang = box.getAttribute("data-listen");
  var play = box.querySelector(".listen-play");
  var stop = box.querySelector(".listen-stop");
  var voice = null;

  function findVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(lang) === 0) {
        return voices[i];
      }
    }
    return null;
  }
  function offer() {
    voice = findVoice();
    box.hidden = !voice;
  }

  // The story as paragraphs: one utterance each, as long utterances are cut
  // off by some browsers.
  function paragraphs() {
    var out = [];
    var article = box.closest("article");
    var parts = article.querySelectorAll("h1, .story-summary, .story-body p, .story-body li, .story-body h2, .story-body h3, .story-body blockquote");
    parts.forEach(function (el) {
      var text = (el.textContent || "").replace(/\s+/g, " ").trim();
      if (text) {
        out.push(text);
      }
    });
    return out;
  }

  var state = "idle"; // idle, speaking, paused
  function show(s) {
    state = s;
    play.textContent = play.getAttribute(s === "speaking" ? "data-pause" : s === "paused" ? "data-resume" : "data-play");
    stop.hidden = s === "idle";
  }
  function speak() {
    synth.cancel();
    var texts = paragraphs();
    texts.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = voice.lang;
      u.voice = voice;
      if (i === texts.length - 1) {
        u.onend = function () { show("idle"); };
      }
      synth.speak(u);
    });
    show("speaking");
  }
  play.addEventListener("click", function () {
    if (state === "idle") {
      speak();
    } else if (state === "speaking") {
      synth.pause();
      show("paused");
    } else {
      synth.resume();
      show("speaking");
    }
  });
  stop.addEventListener("click", function () {
    synth.cancel();
    show("idle");
    play.focus();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  offer();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", offer);
  }
})();
