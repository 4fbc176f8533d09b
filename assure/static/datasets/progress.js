// Polls a running load's own row and shows its progress; reloads the page when it finishes.
const panel = document.querySelector("[data-load-status]");
if (panel) {
  const url = panel.getAttribute("data-load-status");
  const stage = panel.querySelector("[data-stage]");
  const bar = panel.querySelector("progress");
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const load = await response.json();
      if (load.finished) {
        window.location.reload();
        return;
      }
      stage.textContent = `${load.label}: ${load.stage || "waiting"} (${load.progress}%)`;
      bar.value = load.progress;
    } catch (error) {
      stage.textContent = "Could not check the progress; reload the page to try again.";
      return;
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
}
