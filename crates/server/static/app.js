// callqa dashboard: small progressive enhancements; every page works without it.
(function () {
  "use strict";
  // The period selector: custom dates only when "custom" is chosen; a
  // preset period applies at once on a filter (GET) form, never on a
  // form that changes something (a new calibration).
  document.querySelectorAll("form.filters").forEach(function (form) {
    var filter = form.method.toLowerCase() === "get";
    var period = form.querySelector("select[name=period]");
    var custom = form.querySelectorAll(".custom-dates input");
    function sync() {
      if (!period) return;
      var on = period.value === "custom";
      form.querySelectorAll(".custom-dates").forEach(function (el) {
        el.hidden = !on;
      });
      custom.forEach(function (i) { i.disabled = !on; });
    }
    if (period) {
      period.addEventListener("change", function () {
        sync();
        if (filter && period.value !== "custom") form.submit();
      });
      sync();
    }
    form.querySelectorAll("select.auto").forEach(function (s) {
      s.addEventListener("change", function () { if (filter) form.submit(); });
    });
    // Drop empty fields so links stay short and readable.
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (!el.value) el.disabled = true;
      });
    });
  });
  // A highlighted piece of evidence and its verdict point at each other.
  document.querySelectorAll("[data-verdict]").forEach(function (el) {
    el.addEventListener("click", function () {
      var v = document.getElementById("v-" + el.getAttribute("data-verdict"));
      if (v) {
        v.scrollIntoView({ behavior: "smooth", block: "center" });
        v.classList.add("flash");
        setTimeout(function () { v.classList.remove("flash"); }, 1200);
      }
    });
  });
})();
