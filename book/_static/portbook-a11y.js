// Accessible names the theme (pydata-sphinx-theme 0.17) leaves wrong, found by axe-core in tests/test_browser.py.
// Font Awesome swaps the theme's <i> icons for <svg> (titles included) whenever it gets to it, so the fix is
// applied again whenever the buttons' content changes, not once.
(function () {
  function fixAccessibleNames() {
    // The search field shows "Search Ctrl + K" but is named "Search": name it by what it shows.
    document.querySelectorAll(".search-button-field[aria-label]").forEach((field) => {
      const shown = field.innerText.replace(/\s+/g, " ").trim();
      if (shown && field.getAttribute("aria-label") !== shown) field.setAttribute("aria-label", shown);
    });
    // The colour-mode button's icons carry titles that read as visible text; the button's own label names it.
    document.querySelectorAll(".theme-switch-button [title], .theme-switch-button svg title").forEach((node) => {
      if (node.tagName.toLowerCase() === "title") node.remove();
      else node.removeAttribute("title");
    });
    document.querySelectorAll(".theme-switch-button i, .theme-switch-button svg").forEach((icon) => {
      if (icon.getAttribute("aria-hidden") !== "true") icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("aria-labelledby");
    });
    // The sidebar's expand/collapse toggles are icons only.
    document.querySelectorAll("summary").forEach((summary) => {
      if (!summary.innerText.trim() && !summary.getAttribute("aria-label")) {
        summary.setAttribute("aria-label", "Show or hide this section's pages");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    fixAccessibleNames();
    new MutationObserver(fixAccessibleNames).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", fixAccessibleNames);
})();
