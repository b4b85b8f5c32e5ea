// The practices a session presents: search by title, add a result as a checked checkbox.
// Registered with Wagtail's Stimulus app, so it also connects to sessions added later.
class PracticeChooserController extends window.StimulusModule.Controller {
  static targets = ["chosen", "query", "results"];
  static values = {
    url: String,
    name: String,
    addLabel: String,
    noneLabel: String,
    errorLabel: String,
  };

  disconnect() {
    clearTimeout(this.timer);
    this.request?.abort();
  }

  search() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), 250);
  }

  async load() {
    const query = this.queryTarget.value.trim();
    this.request?.abort();
    if (query.length < 2) {
      this.resultsTarget.replaceChildren();
      return;
    }
    this.request = new AbortController();
    let data;
    try {
      const response = await fetch(`${this.urlValue}?q=${encodeURIComponent(query)}`, {
        signal: this.request.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (error) {
      if (error.name !== "AbortError") this.show([this.note(this.errorLabelValue)]);
      return;
    }
    const chosen = new Set(this.chosenIds());
    const items = data.results
      .filter((result) => !chosen.has(String(result.id)))
      .map((result) => this.resultItem(result));
    this.show(items.length ? items : [this.note(this.noneLabelValue)]);
  }

  chosenIds() {
    return [...this.chosenTarget.querySelectorAll("input[type=checkbox]")].map(
      (input) => input.value,
    );
  }

  show(items) {
    this.resultsTarget.replaceChildren(...items);
  }

  note(text) {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }

  resultItem({ id, title }) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.textContent = `${this.addLabelValue}: ${title}`;
    button.addEventListener("click", () => {
      this.add(id, title);
      item.remove();
      this.queryTarget.focus();
    });
    item.append(button);
    return item;
  }

  add(id, title) {
    if (this.chosenIds().includes(String(id))) return;
    const item = document.createElement("li");
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.name = this.nameValue;
    input.value = String(id);
    input.checked = true;
    label.append(input, ` ${title}`);
    item.append(label);
    this.chosenTarget.append(item);
    // Wagtail's "unsaved changes" warning listens for change events on the form.
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

window.wagtail.app.register("r2020-practice-chooser", PracticeChooserController);
