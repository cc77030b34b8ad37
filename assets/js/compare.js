// compare.js runs the comparison of any two editions on a policy's compare
// page (layouts/compare.html). The redline itself comes from
// internal/redline compiled to WebAssembly (internal/redline/wasm), the same
// code that renders the site's pre-rendered redlines, so that both always
// agree; this script only fetches the two editions' JSON (index.json: the
// plain text and its marks, links and formatting, which the pre-rendered
// redlines compare too), calls the module and puts its HTML on the page.
// The page's data (messages, URLs) is the JSON block #cmp-data, so that no
// inline script is needed. The address keeps the
// pair, ?from=ID&to=ID, and a page opened with both computes at once.
(function () {
  "use strict";

  var dataEl = document.getElementById("cmp-data");
  var form = document.getElementById("cmp-form");
  if (!dataEl || !form) {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var str = data.strings;
  var fromSel = document.getElementById("cmp-from");
  var toSel = document.getElementById("cmp-to");
  var status = document.getElementById("cmp-status");
  var summary = document.getElementById("cmp-summary");
  var views = document.getElementById("cmp-views");

  // redline resolves to the module's function; the module is fetched and
  // started once, on the first comparison.
  var redline = null;
  function loadRedline() {
    if (!redline) {
      redline = fetch(data.wasm, { integrity: data.wasm_integrity })
        .then(function (resp) {
          if (!resp.ok) {
            throw new Error(data.wasm + ": HTTP " + resp.status);
          }
          return resp.arrayBuffer();
        })
        .then(function (buf) {
          var go = new Go();
          return WebAssembly.instantiate(buf, go.importObject).then(function (result) {
            // The program never exits: it waits for calls, so run's promise
            // is not awaited. By the time run returns, main has defined
            // the function.
            go.run(result.instance);
            if (typeof globalThis.policysiteRedline !== "function") {
              throw new Error("the redline module did not start");
            }
            return globalThis.policysiteRedline;
          });
        });
      // A failed load may be a dropped connection: let the next try fetch
      // again.
      redline.catch(function () {
        redline = null;
      });
    }
    return redline;
  }

  // edition resolves to what the module compares of an edition: its text,
  // and its marks as the JSON the module reads (blocks, links, styles).
  var editions = {};
  function edition(id) {
    var url = data.editions[id].json;
    if (!editions[id]) {
      editions[id] = fetch(url)
        .then(function (resp) {
          if (!resp.ok) {
            throw new Error(url + ": HTTP " + resp.status);
          }
          return resp.json();
        })
        .then(function (doc) {
          if (typeof doc.text !== "string") {
            throw new Error(url + ": no text");
          }
          return {
            text: doc.text,
            marks: JSON.stringify({ blocks: doc.blocks || [], links: doc.links || [], styles: doc.styles || [] }),
          };
        });
      editions[id].catch(function () {
        delete editions[id];
      });
    }
    return editions[id];
  }

  function say(msg) {
    status.textContent = msg;
    status.hidden = !msg;
  }

  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  // comparedWith writes «… the edition of {to} against the edition of
  // {from}» with links to both editions.
  function comparedWith(el, from, to) {
    el.textContent = "";
    str.compared_with.split(/(\{from\}|\{to\})/).forEach(function (part) {
      if (part === "{from}") {
        el.appendChild(link(from.path, from.date));
      } else if (part === "{to}") {
        el.appendChild(link(to.path, to.date));
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function toc(list) {
    var nav = document.getElementById("cmp-toc");
    var ul = nav.querySelector("ul");
    ul.textContent = "";
    list.forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + c.anchor;
      var no = c.number || c.old_number;
      if (no) {
        var span = document.createElement("span");
        span.className = "rl-toc-no";
        span.textContent = no;
        a.appendChild(span);
        a.appendChild(document.createTextNode(" "));
      }
      a.appendChild(document.createTextNode(c.title));
      li.appendChild(a);
      if (c.number && c.old_number && c.number !== c.old_number) {
        var was = document.createElement("span");
        was.className = "muted";
        was.textContent = "(" + str.was_number.replace("%s", c.old_number) + ")";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(was);
      }
      var badge = document.createElement("span");
      badge.className = "rl-badge rl-badge-" + c.change;
      badge.textContent = str["change_" + c.change] || c.change;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
      ul.appendChild(li);
    });
    nav.hidden = list.length === 0;
  }

  var run = 0; // the latest comparison; an older one finishing late is dropped
  function compare(fromID, toID) {
    var from = data.editions[fromID];
    var to = data.editions[toID];
    summary.hidden = true;
    views.hidden = true;
    if (!from || !to) {
      say(str.unknown);
      return;
    }
    if (fromID === toID) {
      say(str.same_edition);
      return;
    }
    var mine = ++run;
    say(str.working);
    Promise.all([loadRedline(), edition(fromID), edition(toID)])
      .then(function (got) {
        if (mine !== run) {
          return;
        }
        var page = JSON.stringify({
          "lang": data.lang,
          "old": str.edition_column.replace("%s", from.date),
          "new": str.edition_column.replace("%s", to.date),
          "messages": data.messages,
        });
        var r = got[0](got[1].text, got[2].text, page, got[1].marks, got[2].marks);
        if (r.error) {
          throw new Error(r.error);
        }
        comparedWith(document.getElementById("cmp-compared"), from, to);
        document.getElementById("cmp-summary-text").textContent = r.summary;
        var pageLink = document.getElementById("cmp-page");
        var pre = data.pages[fromID + "..." + toID];
        pageLink.hidden = !pre;
        if (pre) {
          var a = pageLink.querySelector("a");
          a.href = pre;
          a.textContent = str.page_link;
        }
        toc(JSON.parse(r.clauses));
        // The module escapes every text it puts into its HTML.
        document.getElementById("view-inline").innerHTML = r.inline;
        document.getElementById("view-side").innerHTML = r.side;
        say("");
        summary.hidden = false;
        views.hidden = r.same;
      })
      .catch(function (err) {
        if (mine !== run) {
          return;
        }
        if (window.console) {
          console.error("policysite compare:", err);
        }
        say(str.failed);
      });
  }

  function select(sel, id) {
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === id) {
        sel.selectedIndex = i;
        return true;
      }
    }
    return false;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = new URLSearchParams(location.search);
    q.set("from", fromSel.value);
    q.set("to", toSel.value);
    history.replaceState(null, "", "?" + q.toString() + location.hash);
    compare(fromSel.value, toSel.value);
  });

  var q = new URLSearchParams(location.search);
  var qFrom = q.get("from");
  // A superseded edition's page links here with its id as "from" only: the
  // "to" list already selects the edition in force, which the link cannot
  // name without changing whenever a new edition takes effect.
  var qTo = q.get("to");
  if (qFrom !== null && qTo === null) {
    qTo = toSel.value;
  }
  if (qFrom !== null && qTo !== null) {
    var knownFrom = select(fromSel, qFrom);
    var knownTo = select(toSel, qTo);
    if (knownFrom && knownTo) {
      compare(qFrom, qTo);
    } else {
      say(str.unknown);
    }
  }
})();
