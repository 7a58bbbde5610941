/* fonds — progressive enhancement only: every page works fully without this file.
   - puts a document's formatted citations in place (without it, the page links to them);
   - adds "Copy" buttons beside each citation and the stable URL of a document. */
(function () {
  "use strict";
  if (!document.querySelector) return;

  function addCopy(target, label, text) {
    if (!target || !navigator.clipboard) return;  // the clipboard needs a secure context
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

  function copyCitations(root) {
    var texts = root.querySelectorAll(".cite-text");
    for (var i = 0; i < texts.length; i++) {
      (function (cite) {
        var figure = cite.closest ? cite.closest("figure") : null;
        var style = figure ? figure.querySelector("figcaption").textContent : "the citation";
        addCopy(cite.parentNode, "Copy " + style, function () { return cite.textContent.replace(/\s+/g, " ").trim(); });
      })(texts[i]);
    }
  }

  // The formatted citations are rendered on request (citeproc is slow, and crawlers never read
  // them); on failure the link to the citations page stays where it is.
  function loadCitations(box) {
    if (!window.fetch) return;
    fetch(box.getAttribute("data-part"), { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        box.innerHTML = html;
        box.removeAttribute("data-part");
        box.setAttribute("data-loaded", "");
        copyCitations(box);
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    var url = document.querySelector(".stable-url");
    if (url) addCopy(url.parentNode, "Copy the stable URL", function () { return url.href; });
    var box = document.querySelector(".citations[data-part]");
    if (box) loadCitations(box);
    else copyCitations(document);
  });
})();
