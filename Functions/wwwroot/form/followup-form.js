// FollowUp form script (optional). Sends a <form data-followup> with fetch and shows the answer in
// place: the promised time and who will call. Without it, or if fetch is not possible, the form
// posts normally and the visitor sees the thank-you page. Cross-origin use needs the page's origin
// in FollowUp:Intake:AllowedOrigins.
"use strict";

(() => {
  // Read now: document.currentScript is only set while the script first runs.
  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;

  function addStyle() {
    if (document.getElementById("followup-style")) return;
    const style = document.createElement("link");
    style.id = "followup-style";
    style.rel = "stylesheet";
    // A stylesheet file rather than inline CSS, so pages with a strict Content-Security-Policy work.
    style.href = new URL("followup-form.css", scriptUrl).href;
    document.head.append(style);
  }

  function clearErrors(form) {
    for (const old of form.querySelectorAll(".followup-error")) old.remove();
    for (const field of form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    }
  }

  function showErrors(form, errors) {
    let first = null;
    for (const [name, messages] of Object.entries(errors)) {
      const field = form.querySelector("[name='" + CSS.escape(name) + "']");
      if (!field) continue;
      const note = document.createElement("span");
      note.className = "followup-error";
      note.id = (field.id || name) + "-error";
      note.textContent = messages.join(" ");
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", note.id);
      field.insertAdjacentElement("afterend", note);
      first = first || field;
    }
    if (first) first.focus();
  }

  async function send(form, event) {
    event.preventDefault();
    const result = form.querySelector(".followup-result");
    const button = form.querySelector("[type=submit]");
    clearErrors(form);
    button.disabled = true;
    result.textContent = "Sending...";
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        mode: "cors",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
      });
    } catch {
      // Blocked (CORS not set up) or offline: fall back to a plain post. A repeat is harmless,
      // FollowUp joins it to the same inquiry.
      result.textContent = "";
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    button.disabled = false;
    const body = await response.json().catch(() => null);
    if (response.ok && body) {
      result.textContent = body.message;
      form.dataset.inquiryId = body.id;
      form.reset();
      return;
    }
    if (response.status === 422 && body && body.errors) {
      result.textContent = "Please check the fields marked below.";
      showErrors(form, body.errors);
      return;
    }
    result.textContent = (body && (body.detail || body.title)) || "Sorry, that did not go through. Please try again or call us.";
  }

  function wire() {
    addStyle();
    for (const form of document.querySelectorAll("form[data-followup]")) {
      if (form.dataset.followupWired) continue;
      form.dataset.followupWired = "true";
      form.addEventListener("submit", (event) => send(form, event));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
