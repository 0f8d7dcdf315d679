(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("attributions").textContent || "{}");
  var pop = document.getElementById("pop");
  var pinned = null;
  function line(parent, key, value) {
    if (!value) return;
    var row = document.createElement("div");
    row.className = "row";
    var k = document.createElement("span");
    k.className = "k";
    k.textContent = key;
    row.appendChild(k);
    row.appendChild(document.createTextNode(value));
    parent.appendChild(row);
  }
  function fill(el) {
    pop.textContent = "";
    var ids = (el.getAttribute("data-a") || "").split(" ");
    ids.forEach(function (id, i) {
      var a = data[id];
      if (!a) return;
      if (i > 0) pop.appendChild(document.createElement("hr"));
      var who = document.createElement("div");
      who.className = "who";
      who.textContent = a.speaker;
      pop.appendChild(who);
      var role = [a.role, a.organization].filter(Boolean).join(", ");
      if (role) {
        var r = document.createElement("div");
        r.className = "role";
        r.textContent = role;
        pop.appendChild(r);
      }
      line(pop, "cue", a.cue);
      line(pop, "source", a.source_type + (a.hearsay ? " · hearsay" : "") + " · " + a.kind + (a.act ? " " + a.act : ""));
      line(pop, "via", a.via);
      line(pop, "said", a.content);
      line(pop, "review", a.review);
      var back = document.getElementById("row-" + id);
      if (back) {
        var link = document.createElement("a");
        link.className = "back";
        link.href = "#row-" + id;
        link.textContent = "\u2191 " + id + " in the table";
        pop.appendChild(link);
      }
    });
  }
  function show(el) {
    fill(el);
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 8;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.top = top + "px";
    pop.style.left = left + "px";
  }
  function hide() { if (!pinned) pop.hidden = true; }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-a]");
    if (el && !pinned) show(el);
  });
  document.addEventListener("mouseout", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-a]");
    if (el && !(ev.relatedTarget && el.contains(ev.relatedTarget))) hide();
  });
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-a]");
    if (el) { pinned = el; show(el); } else { pinned = null; pop.hidden = true; }
  });

  // the attributions table: filters, sorting, speaker highlight
  var table = document.querySelector("table.atts");
  var text = document.querySelector(".article .text");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var shown = document.getElementById("shown");
  function rows() { return table ? Array.prototype.slice.call(table.tBodies[0].rows) : []; }
  function highlight(key) {
    Array.prototype.forEach.call(document.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    if (!key) return;
    rows().forEach(function (tr) {
      if (tr.getAttribute("data-speaker") !== key) return;
      var id = tr.id.slice(4);
      Array.prototype.forEach.call(document.querySelectorAll("[data-a]"), function (el) {
        if ((el.getAttribute("data-a") || "").split(" ").indexOf(id) >= 0) el.classList.add("hl");
      });
    });
  }
  function applyFilters() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-filter")] = s.value; });
    var n = 0, all = rows();
    all.forEach(function (tr) {
      var ok = (!want.speaker || tr.getAttribute("data-speaker") === want.speaker) &&
        (!want.kind || tr.getAttribute("data-kind") === want.kind) &&
        (!want.type || tr.getAttribute("data-type") === want.type);
      tr.hidden = !ok;
      if (ok) n += 1;
    });
    if (shown) shown.textContent = n + " of " + all.length + " shown";
    highlight(want.speaker || "");
  }
  selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  document.addEventListener("click", function (ev) {
    var who = ev.target.closest && ev.target.closest("button.who");
    if (who) {
      var sel = document.getElementById("f-speaker");
      var key = who.getAttribute("data-speaker");
      if (sel) sel.value = sel.value === key ? "" : key;
      applyFilters();
      return;
    }
    var sort = ev.target.closest && ev.target.closest("button.sort");
    if (!sort || !table) return;
    var th = sort.parentNode, col = +sort.getAttribute("data-col");
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    rows().map(function (tr, i) { return [tr.cells[col].textContent.trim(), i, tr]; })
      .sort(function (x, y) {
        var c = x[0].localeCompare(y[0], undefined, { numeric: true, sensitivity: "base" });
        return (asc ? c : -c) || x[1] - y[1];
      })
      .forEach(function (t) { body.appendChild(t[2]); });
  });

  // sentence labels: margin marks, stacked where two sentences start on one line; a checkbox hides them
  function placeTags() {
    if (!text) return;
    var tags = Array.prototype.slice.call(text.querySelectorAll(".tag"));
    tags.forEach(function (t) { t.style.marginTop = ""; });
    var lastTop = null, k = 0;
    tags.map(function (t) { return [t, t.offsetTop]; }).forEach(function (x) {
      k = x[1] === lastTop ? k + 1 : 0;
      lastTop = x[1];
      if (k) x[0].style.marginTop = (k * 14) + "px";
    });
  }
  var toggle = document.getElementById("show-labels");
  if (toggle && text) {
    toggle.addEventListener("change", function () { text.classList.toggle("no-labels", !toggle.checked); });
  }
  placeTags();
  window.addEventListener("resize", placeTags);
  document.addEventListener("focusin", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-a]");
    if (el) show(el);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; pop.hidden = true; }
  });
})();
