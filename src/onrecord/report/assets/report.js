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
  document.addEventListener("focusin", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-a]");
    if (el) show(el);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; pop.hidden = true; }
  });
})();
