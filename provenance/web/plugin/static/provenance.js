// Convenience only: the page works without it. A highlight shows its details on keyboard focus as well
// as on click, without the page jumping to the card.
(function () {
  document.querySelectorAll(".pv-page").forEach(function (page) {
    page.classList.add("pv-js");
    function show(link) {
      var card = document.getElementById(link.getAttribute("href").slice(1));
      if (!card) { return; }
      page.querySelectorAll(".pv-card.pv-shown").forEach(function (c) { c.classList.remove("pv-shown"); });
      card.classList.add("pv-shown");
      page.classList.add("pv-chosen");
    }
    var target = location.hash && page.querySelector(".pv-card[id='" + CSS.escape(location.hash.slice(1)) + "']");
    if (target) { target.classList.add("pv-shown"); page.classList.add("pv-chosen"); }
    page.querySelectorAll("a.pv-m").forEach(function (link) {
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("click", function (event) { event.preventDefault(); show(link); });
    });
  });
})();
