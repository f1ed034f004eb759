// Quanze: the header search box of every page, answered from the site's Pagefind indexes in Material's look.
// Nothing is fetched when a page loads: the first focus of the box loads pagefind.js and pagefind-search-box.json
// (the bundles to merge, OpenCC's character tables both ways) and merges the bundles; a query, searched as written
// and in the other script, then fetches only the index chunks and result fragments it needs. Opened from the file system (file://) the browser refuses those
// fetches, so the box says so and links to the full-text page; without JavaScript the header links there.
(function () {
  "use strict";
  var LIMIT = 10; // pages whose fragments a query fetches and shows
  var SUB_RESULTS = 3; // sections shown under a page
  var ORDINAL = /第[〇零一二两三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?/;
  var ARTICLE_ANCHOR = /#art-/;
  var PAUSE = 100; // ms without typing before a query runs: every query occupies Pagefind's one worker until done

  var box = document.querySelector("[data-md-component=quanze-search]");
  if (!box) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var translations = config.translations || {};
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var toggle = document.getElementById("__search");
  var form = box.querySelector("form");
  var input = box.querySelector("input.md-search__input");
  var meta = box.querySelector(".quanze-search__meta");
  var list = box.querySelector(".md-search-result__list");
  var more = box.querySelector(".quanze-search__more");
  var offline = window.location.protocol === "file:";
  var engine = null;
  var generation = 0;
  var timer = null;

  function load() {
    if (!engine) {
      var setup = fetch(new URL("pagefind-search-box.json", root)).then(function (response) {
        if (!response.ok) throw new Error("pagefind-search-box.json: " + response.status);
        return response.json();
      });
      engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), setup]).then(function (loaded) {
        var pagefind = loaded[0], bundles = loaded[1].bundles;
        var tables = [table(loaded[1].t2s), table(loaded[1].s2t)];
        return pagefind.options({ baseUrl: root.pathname }).then(function () {
          return Promise.all(bundles.slice(1).map(function (bundle) {
            return pagefind.mergeIndex(new URL(bundle + "/", root).pathname, { baseUrl: root.pathname });
          }));
        }).then(function () { return { pagefind: pagefind, tables: tables }; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function table(pairs) {
    var characters = Array.from(pairs), converted = new Map();
    for (var i = 0; i + 1 < characters.length; i += 2) converted.set(characters[i], characters[i + 1]);
    return converted;
  }

  function convert(query, converted) {
    return Array.from(query, function (character) { return converted.get(character) || character; }).join("");
  }

  function fullTextLink(query) {
    var url = new URL(offline ? "fulltext/index.html" : "fulltext/", root);
    if (query) url.search = new URLSearchParams({ q: query }).toString();
    return url.href;
  }

  function say(text, linkText, query) {
    meta.replaceChildren(text);
    if (linkText) {
      var link = document.createElement("a");
      link.href = fullTextLink(query);
      link.textContent = linkText;
      meta.append(" ", link);
    }
  }

  function count(total) {
    if (!total) return translations["search.result.none"] || "没有找到符合条件的结果";
    if (total === 1) return translations["search.result.one"] || "找到 1 个符合条件的结果";
    return (translations["search.result.other"] || "# 个符合条件的结果").replace("#", total);
  }

  // Pagefind's excerpts are HTML with <mark> around the matched words; keep exactly that, as text and <mark> nodes.
  function passage(html) {
    var paragraph = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    });
    return paragraph;
  }

  function clean(title) {
    return (title || "").replace(/¶\s*$/, "").trim();
  }

  function entry(href, heading, level, labels, excerpt) {
    var link = document.createElement("a");
    link.href = href;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.append(icon);
    }
    var title = document.createElement(level === 1 ? "h1" : "h2");
    title.textContent = heading;
    article.append(title);
    if (labels.length) {
      var about = document.createElement("p");
      about.className = "quanze-search__about";
      labels.forEach(function (label, index) {
        var span = document.createElement("span");
        span.className = index === 0 ? "quanze-search__kind" : "quanze-search__department";
        span.textContent = label;
        about.append(span);
      });
      article.append(about);
    }
    if (excerpt) article.append(passage(excerpt));
    link.append(article);
    return link;
  }

  // Sections to show under a page: those about the article the query names first, then Pagefind's best ones.
  function sections(data, ordinal) {
    var title = clean(data.meta.title);
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub.url !== data.url && sub.url.indexOf("#") > 0 && clean(sub.title) !== title;
    });
    if (ordinal) {
      var named = subs.filter(function (sub) { return clean(sub.title).indexOf(ordinal) === 0; });
      subs = named.concat(subs.filter(function (sub) { return named.indexOf(sub) < 0; }));
    }
    return subs.slice(0, SUB_RESULTS);
  }

  function item(data, ordinal) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var labels = [data.meta.kind || "页面"];
    if (data.meta.department) labels.push(data.meta.department);
    li.append(entry(data.url, clean(data.meta.title), 1, labels, data.excerpt));
    sections(data, ordinal).forEach(function (sub) {
      var kind = ARTICLE_ANCHOR.test(sub.url) ? ["条文"] : [];
      li.append(entry(sub.url, clean(sub.title), 2, kind, sub.excerpt));
    });
    return li;
  }

  function names(data, ordinal) {
    return (data.sub_results || []).some(function (sub) { return clean(sub.title).indexOf(ordinal) === 0; });
  }

  function render(query, total, pages, shown) {
    var match = ORDINAL.exec(query);
    var ordinal = match ? match[0] : null;
    if (ordinal) {
      // A query naming an article (第八十一条): pages holding that article come first.
      pages = pages.filter(function (data) { return names(data, ordinal); })
        .concat(pages.filter(function (data) { return !names(data, ordinal); }));
    }
    list.replaceChildren.apply(list, pages.map(function (data) { return item(data, ordinal); }));
    say(count(total));
    more.href = fullTextLink(query);
    more.hidden = total <= shown;
  }

  function clear() {
    generation += 1;
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    more.hidden = true;
    say("输入词语，检索职权、条文、引用文件和文本");
  }

  // The query in simplified script, then as written and in traditional script for pages only those forms find (text
  // kept in traditional script). Pages the simplified form finds are not looked at again, which keeps a query such
  // as 第八十一条 from scanning every long statute once more for 第八十一條.
  function forms(query, tables) {
    var simplified = convert(query, tables[0]);
    var all = [simplified];
    [query, convert(simplified, tables[1])].forEach(function (form) {
      if (all.indexOf(form) < 0) all.push(form);
    });
    return all;
  }

  // The simplified form's results are shown as soon as they are there; the other forms' pages join them after. Each
  // page is shown as soon as its fragment is there, in score order among those shown: a long statute's fragment, the
  // slowest to fetch and read, does not hold back the pages before or after it.
  function search(query) {
    var mine = ++generation;
    if (!query.trim()) return clear();
    if (offline) return say("从本地文件打开的网站不能检索（浏览器不允许读取索引文件）。", "全文检索", query);
    say("正在检索……");
    list.setAttribute("aria-busy", "true"); // until every form's pages are shown
    load().then(function (loaded) {
      var seen = new Set(), results = [], fragments = new Map();
      function fragment(result) {
        if (!fragments.has(result.id)) fragments.set(result.id, result.data());
        return fragments.get(result.id);
      }
      function show(searches) {
        var added = searches.flatMap(function (one) {
          return one.results.filter(function (result) { return !seen.has(result.id) && seen.add(result.id); });
        });
        if (mine !== generation || (results.length && !added.length)) return;
        results = results.concat(added).sort(function (a, b) { return b.score - a.score; });
        var top = results.slice(0, LIMIT), pages = new Array(top.length), total = results.length;
        return Promise.all(top.map(function (result, at) {
          return fragment(result).then(function (data) {
            pages[at] = data;
            if (mine === generation && total === results.length) render(query, total, pages.filter(Boolean), top.length);
          });
        }));
      }
      // The other forms are searched once the first one's pages are shown: Pagefind runs every search and fragment in
      // one worker, where they would hold back the first results.
      var all = forms(query, loaded.tables);
      return loaded.pagefind.search(all[0]).then(function (first) { return show([first]); }).then(function () {
        if (mine !== generation || all.length < 2) return;
        return Promise.all(all.slice(1).map(function (form) { return loaded.pagefind.search(form); })).then(show);
      });
    }).catch(function () {
      if (mine === generation) say("检索暂时不可用。", "打开全文检索页面", query);
    }).finally(function () {
      if (mine === generation) list.removeAttribute("aria-busy");
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    if (!offline) load().catch(function () {});
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return Array.from(list.querySelectorAll("a.md-search-result__link"));
  }

  function move(step) {
    var choices = [input].concat(links());
    var at = choices.indexOf(document.activeElement);
    choices[(Math.max(at, 0) + step + choices.length) % choices.length].focus();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value;
    timer = setTimeout(function () { search(query); }, PAUSE);
  });
  toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  form.addEventListener("reset", function () { setTimeout(clear); });
  form.addEventListener("submit", function (event) {
    var first = links()[0];
    if (first) {
      event.preventDefault();
      first.click();
    } else if (offline) {
      event.preventDefault();
      window.location.href = fullTextLink(input.value);
    }
  });
  box.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });
  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (toggle.checked && (event.key === "Escape" || event.key === "Tab")) {
      close();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (!typing && !toggle.checked && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
