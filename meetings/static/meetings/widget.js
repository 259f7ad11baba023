/*
 * Spotkania widget: upcoming consultation meetings from /api/v1/, for any web page.
 *
 *   <div data-spotkania-widget data-sphere="dzieci-i-mlodziez" data-locale="pl" data-limit="5">
 *     <a href="https://…/harmonogram/">Harmonogram spotkań</a>
 *   </div>
 *   <script src="https://…/static/meetings/widget.js" data-api="https://…/api/v1/" defer></script>
 *
 * The API's address comes from the element's data-api, else from the script's data-api (the
 * site's MEETINGS_API_PREFIX, which the widget page of the site writes into the code to paste),
 * else it is /api/v1/ (the default prefix) on the script's own origin.
 *
 * The element's own content is the fallback: it stays as it is when the API cannot be
 * reached. No dependencies, no inline styles; the host page styles the .spotkania-* classes.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var TIMEOUT_MS = 8000;
  var LABELS = {
    pl: { heading: "Najbliższe spotkania", none: "Brak zaplanowanych spotkań.", calendar: "Dodaj do kalendarza", online: "Online", status: { cancelled: "Odwołane", postponed: "Przełożone", moved: "Przeniesione" } },
    en: { heading: "Upcoming meetings", none: "No meetings are planned.", calendar: "Add to calendar", online: "Online", status: { cancelled: "Cancelled", postponed: "Postponed", moved: "Moved" } },
    uk: { heading: "Найближчі зустрічі", none: "Зустрічей не заплановано.", calendar: "Додати до календаря", online: "Онлайн", status: { cancelled: "Скасовано", postponed: "Відкладено", moved: "Перенесено" } },
  };

  // The labels of a language, else of its base language, else the source language's, as Django
  // falls back to the catalogue of the site's LANGUAGE_CODE.
  function labelsFor(language) {
    return LABELS[language] || LABELS[language.split("-")[0]] || LABELS.pl;
  }

  function apiRoot(element) {
    var api = element.dataset.api || (script && script.dataset.api);
    if (api) return new URL(api, document.baseURI).href.replace(/\/?$/, "/");
    var origin = script && script.src ? new URL(script.src, document.baseURI).origin : window.location.origin;
    return origin + "/api/v1/";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function render(element, meetings, language) {
    var labels = labelsFor(language);
    var section = el("section", "spotkania-widget");
    section.lang = language;
    var headingId = "spotkania-widget-" + Math.random().toString(36).slice(2);
    var heading = el(element.dataset.headingLevel === "3" ? "h3" : "h2", "spotkania-widget__heading", element.dataset.title || labels.heading);
    heading.id = headingId;
    section.setAttribute("aria-labelledby", headingId);
    section.appendChild(heading);
    if (!meetings.length) {
      section.appendChild(el("p", "spotkania-widget__empty", labels.none));
    } else {
      var list = el("ul", "spotkania-widget__list");
      meetings.forEach(function (meeting) {
        var item = el("li", "spotkania-widget__item");
        var title = el("p", "spotkania-widget__topic");
        title.appendChild(link(meeting.html_url, meeting.topic));
        item.appendChild(title);
        var when = el("p", "spotkania-widget__when");
        var time = el("time", null, meeting.when);
        time.dateTime = meeting.start;
        when.appendChild(time);
        item.appendChild(when);
        if (meeting.status !== "planned" && labels.status[meeting.status]) {
          item.appendChild(el("p", "spotkania-widget__status", labels.status[meeting.status] + (meeting.status_note ? ": " + meeting.status_note : "")));
        }
        var place = meeting.venue ? meeting.venue.name + ", " + meeting.venue.street_address : labels.online;
        item.appendChild(el("p", "spotkania-widget__place", place));
        var calendar = el("p", "spotkania-widget__calendar");
        var ics = link(meeting.ics_url, labels.calendar);
        ics.setAttribute("download", "");
        calendar.appendChild(ics);
        item.appendChild(calendar);
        list.appendChild(item);
      });
      section.appendChild(list);
    }
    var fallback = element.querySelector("a[href]");
    if (fallback) {
      var more = el("p", "spotkania-widget__more");
      more.appendChild(link(fallback.href, fallback.textContent));
      section.appendChild(more);
    }
    element.replaceChildren(section);
  }

  function load(element) {
    // Any language the site has (one it has not is refused by the API, and the fallback
    // stays); without one, the site's source language. The answer says which it is.
    var locale = element.dataset.locale || "";
    var language = locale;
    var limit = Math.min(Math.max(parseInt(element.dataset.limit, 10) || 5, 1), 50);
    var params = new URLSearchParams({ upcoming: "true", limit: String(limit) });
    if (locale) params.set("locale", locale);
    (element.dataset.sphere || "").split(/\s+/).filter(Boolean).forEach(function (sphere) {
      params.append("sphere", sphere);
    });
    var controller = "AbortController" in window ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    element.setAttribute("aria-busy", "true");
    return fetch(apiRoot(element) + "meetings/?" + params.toString(), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        language = response.headers.get("Content-Language") || language;
        return response.json();
      })
      .then(function (body) {
        render(element, body.items || [], language);
        element.dataset.state = "loaded";
      })
      .catch(function () {
        element.dataset.state = "fallback";
      })
      .finally(function () {
        if (timer) clearTimeout(timer);
        element.removeAttribute("aria-busy");
      });
  }

  function start() {
    document.querySelectorAll("[data-spotkania-widget]").forEach(load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
