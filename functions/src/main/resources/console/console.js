// The agent console's only script (no inline script is allowed): the queue refreshes itself, an open incident
// says when someone else changes it, text boxes count characters against X's limits, and announcements
// preview as they are written. Everything works without it, only less live.
(function () {
  "use strict";
  var POLL_MS = 10000;

  function signedOut(response) {
    if (response.status === 401) {
      window.location.assign("/console/sign-in");
      return true;
    }
    return false;
  }

  function every(ms, task) {
    var timer = null;
    function schedule() {
      timer = window.setTimeout(function () { task().then(schedule, schedule); }, ms);
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        window.clearTimeout(timer);
      } else {
        window.clearTimeout(timer);
        task().then(schedule, schedule);
      }
    });
    schedule();
  }

  function queue() {
    var results = document.getElementById("queue-results");
    var status = document.getElementById("queue-status");
    if (!results) { return; }
    var interval = Number(results.getAttribute("data-interval")) || POLL_MS;
    every(interval, function () {
      return fetch(results.getAttribute("data-poll"), {
        headers: { "If-None-Match": results.getAttribute("data-etag") || "" },
        credentials: "same-origin", cache: "no-cache"
      }).then(function (response) {
        if (signedOut(response) || response.status !== 200) { return; }
        var etag = response.headers.get("ETag");
        return response.text().then(function (html) {
          var before = results.querySelectorAll("tbody tr").length;
          var fresh = new DOMParser().parseFromString(html, "text/html").body;
          results.replaceChildren.apply(results, Array.prototype.slice.call(fresh.childNodes));
          results.setAttribute("data-etag", etag || "");
          var after = results.querySelectorAll("tbody tr").length;
          status.textContent = "Updated " + new Date().toLocaleTimeString() +
            (after > before ? ": " + (after - before) + " more incident" + (after - before === 1 ? "" : "s") : "");
        });
      });
    });
  }

  function incident() {
    var live = document.getElementById("live");
    if (!live) { return; }
    var seen = live.getAttribute("data-version");
    var etag = "W/\"" + seen + "\"";
    every(POLL_MS, function () {
      return fetch(live.getAttribute("data-version-url"), {
        headers: { "If-None-Match": etag }, credentials: "same-origin", cache: "no-cache"
      }).then(function (response) {
        if (signedOut(response) || response.status !== 200) { return; }
        return response.json().then(function (body) {
          if (body.version !== seen) {
            document.getElementById("changed").hidden = false;
          }
        });
      });
    });
  }

  // twitter-text's weighting: links count 23, most Latin and punctuation 1, the rest 2.
  function weighted(text) {
    var length = 0;
    var rest = text.replace(/https?:\/\/\S+/gi, function () { length += 23; return ""; });
    for (var ch of rest) {
      var c = ch.codePointAt(0);
      length += (c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247)) ? 1 : 2;
    }
    return length;
  }

  function counters() {
    document.querySelectorAll("textarea[data-count]").forEach(function (box) {
      var output = document.querySelector("output[for='" + box.id + "']");
      if (!output) {
        output = document.createElement("output");
        output.className = "count";
        output.setAttribute("for", box.id);
        box.insertAdjacentElement("afterend", output);
      }
      var limit = Number(box.getAttribute("data-limit"));
      var kind = box.getAttribute("data-count");
      function update() {
        var n = kind === "post" ? weighted(box.value) : Array.from(box.value).length;
        output.textContent = n + " of " + limit + (kind === "post" ? " (as X counts a post)" : " characters");
        output.classList.toggle("bad", n > limit);
      }
      box.addEventListener("input", update);
      update();
    });
  }

  function preview() {
    var form = document.getElementById("announce-form");
    var target = document.getElementById("preview");
    if (!form || !target) { return; }
    var timer = null;
    function refresh() {
      var data = new URLSearchParams(new FormData(form));
      data.delete("csrf");
      data.delete("request");
      fetch(form.getAttribute("data-preview-url") + "?" + data.toString(), { credentials: "same-origin" })
        .then(function (response) {
          if (signedOut(response) || response.status !== 200) { return; }
          return response.text().then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html").body;
            target.replaceChildren.apply(target, Array.prototype.slice.call(fresh.childNodes));
          });
        });
    }
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    queue();
    incident();
    counters();
    preview();
  });
}());
