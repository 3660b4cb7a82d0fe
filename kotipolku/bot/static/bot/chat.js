// Progressive enhancement of /botti/: ask through the API and append the answer without a page load.
// Without JavaScript the same form posts to the page and everything still works.
(function () {
  "use strict";
  var form = document.getElementById("bot-form");
  var list = document.getElementById("bot-conversation");
  if (!form || !list || !window.fetch) { return; }
  var d = form.dataset;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : ""},
      body: JSON.stringify(body)
    });
  }

  function feedback(box, exchange) {
    var wrap = el("div", "bot-feedback");
    wrap.appendChild(el("span", "", d.helpful));
    [[d.yes, true], [d.no, false]].forEach(function (pair) {
      var b = el("button", "secondary", pair[0]);
      b.type = "button";
      b.addEventListener("click", function () {
        post(d.feedbackApi, {exchange: exchange, helpful: pair[1]}).then(function () {
          wrap.replaceWith(el("p", "bot-feedback-done", d.thanks));
        });
      });
      wrap.appendChild(b);
    });
    box.appendChild(wrap);
  }

  function linkList(links) {
    var ul = el("ul", "bot-links");
    (links.handbook || []).concat(links.services || [], links.paths || []).forEach(function (l) {
      var li = el("li"); var a = el("a", "", l.title || l.label);
      a.href = l.url; li.appendChild(a); ul.appendChild(li);
    });
    return ul;
  }

  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "clear") { return; }
    var input = form.querySelector("textarea[name=message]");
    var message = input.value.trim();
    if (!message) { return; }
    event.preventDefault();
    var li = el("li", "bot-turn");
    li.appendChild(el("div", "bot-msg bot-user", message));
    list.appendChild(li);
    input.value = "";
    post(d.api, {message: message, lang: d.lang, conversation: d.conversation}).then(function (r) {
      if (r.status === 429 || !r.ok) { throw new Error(String(r.status)); }
      return r.json();
    }).then(function (data) {
      if (data.emergency) { window.location.reload(); return; }  // the page shows the emergency block first
      var box = el("div", "bot-msg bot-answer");
      box.innerHTML = data.answer_html;  // sanitised on the server (nh3); our own content, never user text
      box.appendChild(linkList(data.links));
      if (data.exchange) { feedback(box, data.exchange); }
      li.appendChild(box);
      box.setAttribute("tabindex", "-1");
      box.focus();
    }).catch(function () {
      li.appendChild(el("div", "bot-msg bot-answer", d.error));
    });
  });
}());
