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

function init() {
  document.querySelectorAll("[data-print]").forEach(enablePrint);
  document.querySelectorAll("[data-copy-link]").forEach(enableCopyLink);
}

init();
