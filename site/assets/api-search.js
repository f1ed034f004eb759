// Quanze: when the site is served by `build.py serve`, also ask the Whoosh API (/api/search) and show its
// fielded hits above the header box's Pagefind results. On a static host the API is absent and nothing changes; a site opened
// from the file system has no server to ask.
(function () {
  "use strict";
  if (window.location.protocol === "file:") return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var api = new URL("api/search", window.location.origin + "/");
  var available = true;
  var timer = null;

  function panel() {
    var output = document.querySelector(".md-search-result");
    if (!output) return null;
    var box = output.querySelector(".quanze-api");
    if (!box) {
      box = document.createElement("div");
      box.className = "quanze-api";
      output.insertBefore(box, output.firstChild);
    }
    return box;
  }

  function render(query, payload) {
    var box = panel();
    if (!box) return;
    box.replaceChildren();
    if (!payload.hits || !payload.hits.length) return;
    var heading = document.createElement("div");
    heading.className = "md-search-result__meta";
    heading.textContent = "全文索引：" + payload.total + " 条（" + query + "）";
    var list = document.createElement("ol");
    list.className = "quanze-api__list";
    payload.hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(hit.url, root).href;
      link.textContent = hit.title;
      item.appendChild(link);
      if (hit.department || hit.category) {
        var meta = document.createElement("span");
        meta.className = "quanze-api__meta";
        meta.textContent = " " + [hit.department, hit.category].filter(Boolean).join(" · ");
        item.appendChild(meta);
      }
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(list);
  }

  function ask(query) {
    if (!available || !query.trim()) return;
    api.search = new URLSearchParams({ q: query, limit: "8" }).toString();
    fetch(api.href, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || !(response.headers.get("Content-Type") || "").includes("json")) {
          available = response.status === 400;
          return null;
        }
        return response.json();
      })
      .then(function (payload) { if (payload) render(query, payload); })
      .catch(function () { available = false; });
  }

  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("input.md-search__input")) return;
    clearTimeout(timer);
    var query = event.target.value;
    timer = setTimeout(function () { ask(query); }, 250);
  });
})();
