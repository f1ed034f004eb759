// Quanze: the header search box of every page, answered from the site's Pagefind indexes in Material's look.
// Nothing is fetched when a page loads: the first focus of the box loads pagefind.js and pagefind-search-box.json
// (the bundles, the router's pages, OpenCC's character tables both ways) and merges the main bundle with the router; a
// query, searched as written and in the other script, then fetches only the index chunks and result fragments it
// needs. The power pages are in shards; on a site of more than a few, the router names the shards that can hold a
// match, and the box merges only those it needs, a few at a time (a button searches more). Opened from the file system (file://) the
// browser refuses those fetches, so the box says so and links to the full-text page; without JavaScript the header
// links there.
(function () {
  "use strict";
  var LIMIT = 10; // pages whose fragments a query fetches and shows
  var SUB_RESULTS = 3; // sections shown under a page
  var ORDINAL = /第[〇零一二两三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?/;
  var ARTICLE_ANCHOR = /#art-/;
  var PAUSE = 100; // ms without typing before a query runs: every query occupies Pagefind's one worker until done
  // Shards the router names for a query: each costs its metadata and one index chunk per word, so all of them when
  // they are few (a rare word), else the first FIRST_SHARDS, and more while the first screen is not full, up to
  // AT_ONCE; the button beside the results adds MORE_SHARDS a press.
  var FIRST_SHARDS = 2;
  var AT_ONCE = 6;
  var MORE_SHARDS = 8;

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
  var wider = document.createElement("button");
  wider.type = "button";
  wider.className = "quanze-search__shards";
  wider.hidden = true;
  more.before(wider);
  var offline = window.location.protocol === "file:";
  var engine = null;
  var generation = 0;
  var timer = null;
  var current = null; // the query shown: its forms, pages found so far, the shards its router named

  function bundlePath(bundle) {
    return new URL(bundle + "/", root).pathname;
  }

  function load() {
    if (!engine) {
      var setup = fetch(new URL("pagefind-search-box.json", root)).then(function (response) {
        if (!response.ok) throw new Error("pagefind-search-box.json: " + response.status);
        return response.json();
      });
      engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), setup]).then(function (loaded) {
        var setup = loaded[1];
        var engine = {
          pagefind: loaded[0], tables: [table(setup.t2s), table(setup.s2t)], routes: setup.routes || {}, merged: new Map(),
        };
        return engine.pagefind.options({ baseUrl: root.pathname }).then(function () {
          // Without a router (an unsharded site) every bundle is merged: there is only the main one.
          return setup.router ? merge(engine, [setup.router]) : merge(engine, setup.bundles.slice(1));
        }).then(function () { return engine; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  // Merge bundles into the search, each once; a merged bundle is searched by every later query of the page.
  function merge(engine, bundles) {
    return Promise.all(bundles.map(function (bundle) {
      if (!engine.merged.has(bundle)) {
        engine.merged.set(bundle, engine.pagefind.mergeIndex(bundlePath(bundle), { baseUrl: root.pathname }));
      }
      return engine.merged.get(bundle);
    }));
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
      var named = subs.filter(function (sub) { return isAbout(sub, ordinal); });
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

  // A section about the article the query names: its heading starts with the ordinal (第八十一条 第一款…).
  function isAbout(sub, ordinal) {
    return clean(sub.title).indexOf(ordinal) === 0;
  }

  function names(data, ordinal) {
    return (data.sub_results || []).some(function (sub) { return isAbout(sub, ordinal); });
  }

  // What is left to search for the query shown: the shards its router named that are not merged yet.
  function unsearched(run) {
    return run.named.filter(function (shard) { return !run.engine.merged.has(shard); });
  }

  function render(run, pages, shown) {
    var match = ORDINAL.exec(run.query);
    var ordinal = match ? match[0] : null;
    if (ordinal) {
      // A query naming an article (第八十一条): pages holding that article come first.
      pages = pages.filter(function (data) { return names(data, ordinal); })
        .concat(pages.filter(function (data) { return !names(data, ordinal); }));
    }
    list.replaceChildren.apply(list, pages.map(function (data) { return item(data, ordinal); }));
    var left = unsearched(run).length, total = run.results.length;
    say(left ? (total ? "已找到 " + total + " 个结果" : "还没有找到结果") + "（检索了 " + (run.named.length - left) + " 组职权，还有 " +
      left + " 组可能有结果）" : count(total));
    wider.hidden = !left;
    wider.textContent = "再检索 " + Math.min(left, MORE_SHARDS) + " 组职权";
    more.href = fullTextLink(run.query);
    more.hidden = !left && total <= shown;
  }

  function clear() {
    generation += 1;
    current = null;
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    more.hidden = true;
    wider.hidden = true;
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

  function stale(run) {
    return run.mine !== generation;
  }

  // Search the forms looked at so far over the bundles merged so far (one at a time: Pagefind runs every search and
  // fragment in one worker, where they would hold back the first results), then show what they found. The router's
  // pages are not results: they name the shards to search.
  function look(run) {
    return run.forms.slice(0, run.looked).reduce(function (done, form) {
      return done.then(function () {
        if (stale(run)) return;
        return run.engine.pagefind.search(form).then(function (response) {
          response.results.forEach(function (result) {
            var shard = run.engine.routes[result.id];
            if (shard && run.named.indexOf(shard) < 0) run.named.push(shard);
            if (!shard && !run.seen.has(result.id) && run.seen.add(result.id)) run.results.push(result);
          });
        });
      });
    }, Promise.resolve()).then(function () { return show(run); });
  }

  // Each page is shown as soon as its fragment is there, in score order among those shown: a long statute's
  // fragment, the slowest to fetch and read, does not hold back the pages before or after it.
  function show(run) {
    if (stale(run)) return;
    run.results.sort(function (a, b) { return b.score - a.score; });
    var top = run.results.slice(0, LIMIT), pages = new Array(top.length), total = run.results.length;
    var key = top.map(function (result) { return result.id; }).join(" ") + "|" + total + "|" + unsearched(run).length;
    if (key === run.shown) return;
    run.shown = key;
    if (!top.length) return render(run, [], 0);
    return Promise.all(top.map(function (result, at) {
      if (!run.fragments.has(result.id)) run.fragments.set(result.id, result.data());
      return run.fragments.get(result.id).then(function (data) {
        pages[at] = data;
        if (!stale(run) && total === run.results.length) render(run, pages.filter(Boolean), top.length);
      });
    }));
  }

  // The shards to merge for the first screen: all the router named when they are few, else enough to fill it.
  function firstShards(run) {
    var left = unsearched(run);
    if (run.named.length <= AT_ONCE) return left;
    var searched = run.named.length - left.length;
    if (searched < FIRST_SHARDS || (run.results.length < LIMIT && searched < AT_ONCE)) return left.slice(0, FIRST_SHARDS);
    return [];
  }

  function widen(run, shards) {
    if (!shards.length || stale(run)) return Promise.resolve();
    return merge(run.engine, shards).then(function () { return look(run); });
  }

  function fill(run) {
    var shards = firstShards(run);
    return shards.length && !stale(run) ? widen(run, shards).then(function () { return fill(run); }) : Promise.resolve();
  }

  // Each form in turn: its pages join those shown, then the shards its router named are searched for the first screen.
  function answer(run) {
    if (stale(run) || run.looked === run.forms.length) return Promise.resolve();
    run.looked += 1;
    return look(run).then(function () { return fill(run); }).then(function () { return answer(run); });
  }

  function busy(run, promise) {
    list.setAttribute("aria-busy", "true"); // until every form's pages are shown
    return promise.catch(function () {
      if (!stale(run)) say("检索暂时不可用。", "打开全文检索页面", run.query);
    }).finally(function () {
      if (!stale(run)) list.removeAttribute("aria-busy");
    });
  }

  function search(query) {
    var mine = ++generation;
    if (!query.trim()) return clear();
    if (offline) return say("从本地文件打开的网站不能检索（浏览器不允许读取索引文件）。", "全文检索", query);
    say("正在检索……");
    wider.hidden = true;
    var run = { mine: mine, query: query, looked: 0, seen: new Set(), results: [], named: [], fragments: new Map(), shown: null };
    busy(run, load().then(function (engine) {
      run.engine = engine;
      run.forms = forms(query, engine.tables);
      current = run;
      return answer(run);
    }));
  }

  wider.addEventListener("click", function () {
    var run = current;
    if (!run || stale(run)) return;
    wider.hidden = true;
    busy(run, widen(run, unsearched(run).slice(0, MORE_SHARDS)));
  });

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
    var choices = [input].concat(links(), wider.hidden ? [] : [wider]);
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
