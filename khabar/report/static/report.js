/* khabar report: filter the timeline by event type and participant (the page works without it). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var type = document.getElementById("filter-type");
  var who = document.getElementById("filter-participant");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var periods = Array.prototype.slice.call(document.querySelectorAll("section.period"));

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function apply() {
    var t = type.value, p = who.value, n = 0;
    items.forEach(function (li) {
      var parties = " " + (li.getAttribute("data-participants") || "") + " ";
      var ok = (!t || li.getAttribute("data-type") === t) && (!p || parties.indexOf(" " + p + " ") >= 0);
      li.hidden = !ok;
      if (ok) { n += 1; }
    });
    periods.forEach(function (section) {
      var visible = section.querySelectorAll("li.event:not([hidden])").length;
      var badge = section.querySelector("h2 .n");
      if (badge) { badge.textContent = String(visible); }
      section.hidden = visible === 0;
    });
    shown.textContent = String(n);
    var hash = [];
    if (t) { hash.push("type=" + encodeURIComponent(t)); }
    if (p) { hash.push("participant=" + encodeURIComponent(p)); }
    var next = hash.length ? "#" + hash.join("&") : "";
    if (location.hash !== next) {
      try { history.replaceState(null, "", next || location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function fromHash() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2) { params[kv[0]] = decodeURIComponent(kv[1]); }
    });
    type.value = params.type && hasOption(type, params.type) ? params.type : "";
    who.value = params.participant && hasOption(who, params.participant) ? params.participant : "";
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  type.addEventListener("change", apply);
  who.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
}());
