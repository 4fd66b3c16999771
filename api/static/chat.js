"use strict";
// The web chat client: posts messages, shows answers with their own writing direction, never uses innerHTML.
(function () {
  const list = document.getElementById("messages");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  let language = document.body.dataset.language;

  function newId() {
    return (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
  }

  function show(text, who, dir, buttons) {
    const item = document.createElement("li");
    item.className = who;
    item.dir = dir || "auto";
    item.textContent = text;
    if (buttons && buttons.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      buttons.forEach(function (b) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        if (b.payload.indexOf("/feedback") === 0) button.dataset.rating = "1";
        button.addEventListener("click", function () {
          // A 👍/👎 closes only the rating; the follow-up buttons stay usable.
          row.querySelectorAll(button.dataset.rating ? "button[data-rating]" : "button")
            .forEach(function (x) { x.disabled = true; });
          send({ payload: b.payload }, b.title);
        });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    list.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  async function send(body, echo) {
    show(echo, "user", "auto");
    body.message_id = newId();
    body.language = language;
    status.textContent = "…";
    try {
      const response = await fetch("/api/chat/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(body),
      });
      const data = await response.json();
      if (!response.ok) {
        show(data.message || data.error, "bot error", "auto");
      } else {
        data.messages.forEach(function (m) { show(m.text, "bot", m.dir, m.buttons); });
      }
    } catch (e) {
      show("⚠", "bot error", "auto");
    } finally {
      status.textContent = "";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) { return; }
    input.value = "";
    send({ text: text }, text);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // Messages left since the last visit, such as news about a call-back request.
  fetch("/api/chat/pending", { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
    .then(function (data) { data.messages.forEach(function (m) { show(m.text, "bot", m.dir, m.buttons); }); })
    .catch(function () {});

  document.querySelectorAll("button.language").forEach(function (button) {
    button.addEventListener("click", function () {
      language = button.dataset.language;
      document.documentElement.lang = language;
      send({ payload: '/choose_language{"language": "' + language + '"}' }, button.textContent);
    });
  });
})();
