// Long audit material (check tables, every figure by class, the implied series) sits in closed <details> so that a
// page reads as its story first, on a phone above all; a link to something inside (#check-…, #test-…, #claim-…) must
// still land on it, so the <details> holding the link's target is opened before the browser scrolls to it.
(function () {
  function targetOf(hash) {
    let id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (error) {
      return null; // a malformed address names nothing on the page
    }
    return id ? document.getElementById(id) : null;
  }

  // true when a closed <details> had to be opened for the target to show
  function openAround(target) {
    let opened = false;
    for (let node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        opened = true;
      }
    }
    return opened;
  }

  // the browser scrolled (or would scroll) to the target before it was shown: scroll again once it is
  function land() {
    const target = targetOf(window.location.hash);
    if (target && openAround(target)) target.scrollIntoView();
  }

  // a link to this very page whose address already is the page's (no hashchange): open before the browser scrolls
  function beforeFollowing(event) {
    const link = event.target.closest && event.target.closest("a[href*='#']");
    if (!link || link.origin !== window.location.origin || link.pathname !== window.location.pathname) return;
    const target = targetOf(link.hash);
    if (target) openAround(target);
  }

  document.addEventListener("DOMContentLoaded", land);
  window.addEventListener("hashchange", land);
  document.addEventListener("click", beforeFollowing, true);
})();
