// Accessible names the theme (pydata-sphinx-theme 0.17) leaves wrong, found by axe-core in tests/test_browser.py.
// Runs after the theme has built its buttons.
window.addEventListener("load", () => {
  // The search field shows "Search Ctrl + K" but is named "Search": name it by what it shows.
  document.querySelectorAll(".search-button-field[aria-label]").forEach((field) => {
    field.setAttribute("aria-label", field.innerText.replace(/\s+/g, " ").trim());
  });
  // The colour-mode button's icons carry titles that read as visible text; the button's own label names it.
  document.querySelectorAll(".theme-switch-button i[title]").forEach((icon) => {
    icon.removeAttribute("title");
    icon.setAttribute("aria-hidden", "true");
  });
  // The sidebar's expand/collapse toggles are icons only.
  document.querySelectorAll("summary").forEach((summary) => {
    if (!summary.innerText.trim() && !summary.getAttribute("aria-label")) {
      summary.setAttribute("aria-label", "Show or hide this section's pages");
    }
  });
});
