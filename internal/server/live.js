// guong live preview: reloads this tab when its page changed, keeping the
// scroll position, and shows the build's errors over the page until fixed.
// The server renders this tab's page (named when connecting) after every
// change and says whether its bytes changed.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  // The proportional stack of server.TextFont, put in by the server.
  var textFont = '__GUONG_TEXT_FONT__';
  // A link to the writer's desk, opening this page's story there.
  var desk = script ? script.getAttribute("data-desk") : "";
  if (desk) {
    var link = document.createElement("a");
    link.href = desk + "sua?page=" + encodeURIComponent(location.pathname);
    link.id = "guong-desk-link";
    link.textContent = "✎ Bàn viết";
    link.style.cssText = "position:fixed;right:.75rem;bottom:.75rem;z-index:2147483646;padding:.5rem .9rem;" +
      "background:#7a1a14;color:#fff;border-radius:2rem;font:600 15px/1.2 " + textFont + ";text-decoration:none;" +
      "box-shadow:0 2px 6px rgba(0,0,0,.3)";
    (document.body || document.documentElement).appendChild(link);
  }
  var key = "guong-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, +saved); };
    restore();
    window.addEventListener("load", restore);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  var overlay = null;
  function show(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "guong-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#fff;" +
        "padding:2rem;overflow:auto;font:15px/1.5 " + textFont;
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "Trang chưa được cập nhật vì có lỗi — hãy sửa rồi lưu lại tệp:";
    h.style.cssText = "font:bold 18px " + textFont + ";margin:0 0 1rem;color:#ffb4ab";
    overlay.appendChild(h);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0;font:inherit";
    pre.textContent = lines.join("\n");
    overlay.appendChild(pre);
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var source = new EventSource("/__guong/events?page=" + encodeURIComponent(location.pathname));
  source.addEventListener("state", function (e) {
    var d = JSON.parse(e.data);
    if (d.errors && d.errors.length) { show(d.errors); return; }
    hide();
    if (d.build !== build) reload();
  });
  source.addEventListener("problems", function (e) {
    show(JSON.parse(e.data).errors);
  });
  source.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    hide();
    if (build === "0" || d.reload) { reload(); return; }
    build = d.build;
  });
})();
