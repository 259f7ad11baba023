/* The meetings tab of the announcement editor, made compact:
 *
 * - spheres are chosen in a search field (typing "zdrow" or "5a" finds the point, diacritics
 *   and case aside), shown as tags; the multiple <select> they stand for stays in the form and
 *   is what is sent;
 * - each meeting's bar says its date, time and topic, as they are typed;
 * - a meeting added takes the previous meeting's venue, attendance, online link, times (a week
 *   later) and registration; "Duplikuj" adds a copy of a meeting after the last one.
 *
 * The texts come from the widgets' data-* attributes, translated by the server.
 */
(function () {
  "use strict";

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ł/g, "l")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  var pickers = 0;

  function enhanceSpheres(select) {
    if (select.dataset.enhanced || select.name.indexOf("__prefix__") !== -1) return;
    select.dataset.enhanced = "true";
    pickers += 1;
    var id = "sphere-picker-" + pickers;
    var options = Array.prototype.slice.call(select.options);
    var label = document.querySelector('label[for="' + select.id + '"]');

    var root = document.createElement("div");
    root.className = "sphere-picker";
    var tags = document.createElement("ul");
    tags.className = "sphere-picker__tags";
    tags.setAttribute("aria-label", select.dataset.chosenLabel);
    var input = document.createElement("input");
    input.type = "text";
    input.id = select.id + "-search";
    input.className = "sphere-picker__input";
    input.autocomplete = "off";
    input.placeholder = select.dataset.placeholder;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "sphere-picker__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "w-sr-only";
    status.setAttribute("aria-live", "polite");
    if (label) {
      label.htmlFor = input.id;
      list.setAttribute("aria-labelledby", label.id || (label.id = id + "-label"));
    }
    root.append(tags, input, list, status);
    select.after(root);
    select.hidden = true;

    var shown = [];
    var active = -1;

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderTags();
    }

    function renderTags() {
      tags.textContent = "";
      options.forEach(function (option) {
        if (!option.selected) return;
        var tag = document.createElement("li");
        tag.className = "sphere-picker__tag";
        tag.title = option.textContent;
        var name = document.createElement("span");
        name.className = "sphere-picker__name";
        name.textContent = option.textContent;
        tag.append(name);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "sphere-picker__remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", select.dataset.removeLabel + ": " + option.textContent);
        remove.addEventListener("click", function () {
          option.selected = false;
          changed();
          renderList();
          input.focus();
        });
        tag.append(remove);
        tags.append(tag);
      });
    }

    function matches(option, query) {
      if (!query) return true;
      var text = fold(option.textContent);
      var number = text.split(".")[0];
      return number === query || fold(text).indexOf(query) !== -1;
    }

    function renderList() {
      var query = fold(input.value.trim());
      shown = options.filter(function (option) {
        return matches(option, query);
      });
      // A point number typed exactly comes first: "5" is point 5 before 15 or 25.
      shown.sort(function (a, b) {
        return (fold(b.textContent).split(".")[0] === query) - (fold(a.textContent).split(".")[0] === query);
      });
      list.textContent = "";
      shown.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = id + "-option-" + index;
        item.className = "sphere-picker__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", option.selected ? "true" : "false");
        item.textContent = option.textContent;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          toggle(option);
        });
        list.append(item);
      });
      active = shown.length ? Math.min(Math.max(active, 0), shown.length - 1) : -1;
      highlight();
      status.textContent = shown.length
        ? select.dataset.foundLabel + " " + shown.length
        : select.dataset.noneLabel;
    }

    function highlight() {
      Array.prototype.forEach.call(list.children, function (item, index) {
        item.classList.toggle("sphere-picker__option--active", index === active);
      });
      if (active >= 0 && list.children[active]) {
        input.setAttribute("aria-activedescendant", list.children[active].id);
        list.children[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      renderList();
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function toggle(option) {
      option.selected = !option.selected;
      changed();
      input.value = "";
      renderList();
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", function () {
      active = 0;
      open();
    });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) open();
        var step = event.key === "ArrowDown" ? 1 : -1;
        active = Math.min(Math.max(active + step, 0), shown.length - 1);
        highlight();
      } else if (event.key === "Enter") {
        event.preventDefault(); // never submits the page from here
        if (!list.hidden && shown[active]) toggle(shown[active]);
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Backspace" && !input.value) {
        var chosen = options.filter(function (option) {
          return option.selected;
        });
        if (chosen.length) {
          chosen[chosen.length - 1].selected = false;
          changed();
          renderList();
        }
      }
    });
    renderTags();
  }

  // --- Each meeting's bar ------------------------------------------------------------------

  function field(child, name) {
    return child.querySelector('[name$="-' + name + '"]');
  }

  function summary(child) {
    var start = field(child, "start");
    var end = field(child, "end");
    var topic = field(child, "topic");
    var when = start && start.value ? start.value.replace("T", " ") : "";
    if (when && end && end.value) {
      var endTime = end.value.replace("T", " ").split(" ")[1] || "";
      if (endTime) when += "–" + endTime;
    }
    return [when, topic ? topic.value.trim() : ""].filter(Boolean).join(" · ");
  }

  function label(child) {
    var heading = child.querySelector("[data-panel-heading-text]") || child.querySelector("h3");
    if (!heading) return;
    var span = heading.querySelector("[data-meeting-summary]");
    if (!span) {
      span = document.createElement("span");
      span.className = "meeting-summary";
      span.dataset.meetingSummary = "";
      heading.append(span);
    }
    var text = summary(child);
    span.textContent = text ? " — " + text : "";
  }

  function meetingChildren(container) {
    return Array.prototype.filter.call(container.children, function (child) {
      var deleted = child.querySelector('[name$="-DELETE"]');
      return child.matches("[data-inline-panel-child]") && !(deleted && deleted.value === "1");
    });
  }

  // --- New meetings: defaults and duplicates -----------------------------------------------

  var COPIED = ["attendance_mode", "online_url", "registration", "registration_url", "registration_email"];
  var DUPLICATED = COPIED.concat(["topic", "start", "end", "registration_deadline", "status", "status_note"]);

  function setValue(input, value) {
    if (!input || value === undefined) return;
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function copyVenue(from, to) {
    var source = field(from, "venue");
    var target = field(to, "venue");
    if (!source || !target || !source.value) return;
    target.value = source.value;
    var sourceChooser = document.getElementById(source.id + "-chooser");
    var targetChooser = document.getElementById(target.id + "-chooser");
    if (!sourceChooser || !targetChooser) return;
    targetChooser.classList.remove("blank");
    var title = targetChooser.querySelector("[data-chooser-title]");
    var sourceTitle = sourceChooser.querySelector("[data-chooser-title]");
    if (title && sourceTitle) title.textContent = sourceTitle.textContent;
    var link = targetChooser.querySelector("[data-chooser-edit-link]");
    var sourceLink = sourceChooser.querySelector("[data-chooser-edit-link]");
    if (link && sourceLink) {
      link.href = sourceLink.href;
      link.hidden = false;
    }
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function weekLater(value) {
    // "YYYY-MM-DD HH:MM" (Wagtail's date-time field) or "YYYY-MM-DDTHH:MM".
    var match = /^(\d{4})-(\d{2})-(\d{2})([ T])(\d{2}:\d{2})/.exec(value || "");
    if (!match) return value;
    var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3] + 7));
    return day.toISOString().slice(0, 10) + match[4] + match[5];
  }

  function fill(from, to, names, shiftWeek) {
    names.forEach(function (name) {
      var source = field(from, name);
      var target = field(to, name);
      if (!source || !target) return;
      var value = source.value;
      if (shiftWeek && (name === "start" || name === "end")) value = weekLater(value);
      setValue(target, value);
    });
    copyVenue(from, to);
  }

  function copySpheres(from, to) {
    var source = field(from, "spheres");
    var target = field(to, "spheres");
    if (!source || !target) return;
    var chosen = {};
    Array.prototype.forEach.call(source.options, function (option) {
      chosen[option.value] = option.selected;
    });
    Array.prototype.forEach.call(target.options, function (option) {
      option.selected = !!chosen[option.value];
    });
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }

  var duplicating = null;

  function addDuplicateButton(child, container) {
    var controls = child.querySelector("[data-panel-controls]") || child.querySelector(".w-panel__controls");
    // Each meeting's sphere picker carries the button's translated label.
    var spheres = child.querySelector("select[data-sphere-picker]");
    if (!controls || !spheres || controls.querySelector("[data-meeting-duplicate]")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary meeting-duplicate";
    button.dataset.meetingDuplicate = "";
    button.textContent = spheres.dataset.duplicateLabel;
    button.addEventListener("click", function () {
      var add = document.getElementById(container.id.replace(/-FORMS$/, "-ADD"));
      if (!add) return;
      duplicating = child;
      add.click();
    });
    controls.prepend(button);
  }

  function prepare(container) {
    if (container.dataset.meetingsEditor) return;
    container.dataset.meetingsEditor = "true";
    meetingChildren(container).forEach(function (child) {
      label(child);
      addDuplicateButton(child, container);
    });
    container.addEventListener("input", function (event) {
      var child = event.target.closest("[data-inline-panel-child]");
      if (child) label(child);
    });
    container.addEventListener("change", function (event) {
      var child = event.target.closest("[data-inline-panel-child]");
      if (child) label(child);
    });
    container.addEventListener("w-formset:added", function (event) {
      var child = event.target;
      var siblings = meetingChildren(container).filter(function (other) {
        return other !== child;
      });
      var from = duplicating || siblings[siblings.length - 1];
      if (from) {
        if (duplicating) {
          fill(from, child, DUPLICATED, false);
          copySpheres(from, child);
        } else {
          fill(from, child, COPIED.concat(["start", "end"]), true);
        }
      }
      duplicating = null;
      child.querySelectorAll("select[data-sphere-picker]").forEach(enhanceSpheres);
      label(child);
      addDuplicateButton(child, container);
    });
  }

  function init(scope) {
    scope.querySelectorAll("select[data-sphere-picker]").forEach(enhanceSpheres);
    var meetings = document.getElementById("id_meetings-FORMS");
    if (meetings) prepare(meetings);
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
  });
})();
