// Route 2020: small enhancements on top of pages that already work without JavaScript.
// Buttons that only make sense with JavaScript are rendered `hidden` and shown here.

const COPIED_TEXT = document.documentElement.lang === "en" ? "Link copied" : "Link gekopieerd";

function enablePrint(button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for http:// in development: a temporary, off-screen text field.
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "r2020-visually-hidden";
  document.body.append(field);
  field.select();
  const ok = document.execCommand("copy");
  field.remove();
  if (!ok) throw new Error("copy failed");
}

function enableCopyLink(button) {
  // data-copy-link="https://..." copies that address; an empty value copies this page's.
  const status = button.parentElement.querySelector("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const url = button.dataset.copyLink || window.location.href;
    try {
      await copyText(url);
      if (status) status.textContent = button.dataset.copiedText || COPIED_TEXT;
    } catch {
      // Copying is refused (permissions): let the person copy it from a prompt instead.
      window.prompt(button.textContent.trim(), url);
    }
  });
}

// A filter panel that is open in the HTML (so it works without JavaScript) folds away on a
// phone, where it would push the results a screen down; its summary opens it again.
const PHONE = window.matchMedia("(max-width: 48rem)");

function foldOnPhone(root = document) {
  if (!PHONE.matches) return;
  root.querySelectorAll("details[data-fold-on-phone][open]").forEach((panel) => {
    panel.open = false;
  });
}

// A form on a page from the page cache has an empty CSRF token field (route2020/core/csrf.py):
// fetch the visitor's token, which also sets the cookie. Without it the server shows the form
// again with a token, so a failed fetch only costs a second click.
async function fillCsrfTokens(fields) {
  if (!fields.length) return;
  try {
    const response = await fetch("/csrf/", {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const { token } = await response.json();
    fields.forEach((field) => {
      field.value = token;
    });
  } catch {
    // Offline or refused: the form still works, see above.
  }
}

function init() {
  foldOnPhone();
  document.querySelectorAll("[data-print]").forEach(enablePrint);
  document.querySelectorAll("[data-copy-link]").forEach(enableCopyLink);
  fillCsrfTokens(document.querySelectorAll("input[data-csrf-token]"));
}

init();
