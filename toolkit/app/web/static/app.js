// The page works without this script (forms post, a job's page refreshes itself); with it the job's
// page follows the progress without reloading, and a form cannot be sent twice.
(function () {
  document.querySelectorAll("form.job-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent += "（正在上传…）"; }
    });
  });
  var box = document.getElementById("progress");
  if (!box) return;
  var bar = box.querySelector("progress"), step = box.querySelector(".step");
  function poll() {
    fetch(box.dataset.status, {headers: {"Accept": "application/json"}, cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.state === "done" || s.state === "failed" || s.error) { location.reload(); return; }
        if (s.state === "running") {
          bar.max = s.total || 1; bar.value = s.done;
          step.textContent = (s.label || "准备中") + (s.total ? "：已完成 " + s.done + " / " + s.total : "");
        }
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();
