/* fonds — progressive enhancement only: every page works fully without this file.
   Adds "Copy" buttons beside the citation and the stable URL of a document. */
(function () {
  "use strict";
  if (!navigator.clipboard || !document.querySelector) return;

  function addCopy(target, label, text) {
    if (!target) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      });
    });
    target.appendChild(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var url = document.querySelector(".stable-url");
    if (url) addCopy(url.parentNode, "Copy the stable URL", function () { return url.href; });
    var cite = document.querySelector(".cite-text");
    if (cite) {
      addCopy(cite.parentNode, "Copy the citation", function () { return cite.textContent.replace(/\s+/g, " ").trim(); });
    }
  });
})();
