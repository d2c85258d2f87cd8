// Long lists of checks sit in closed <details> so a chapter reads as its story first; a link to one check (#check-…)
// must still land on it, so the <details> holding the link's target is opened before the browser scrolls to it.
(function () {
  function openTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    for (let node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }
  document.addEventListener("DOMContentLoaded", openTarget);
  window.addEventListener("hashchange", openTarget);
})();
