/* The schedule's filter, enhanced: find a sphere by typing, send no empty fields, and after
   filtering put the focus on the count of meetings found, which a screen reader then reads.
   Without this script the form is a plain GET form and does all the same filtering. */
(function () {
  "use strict";
  var form = document.querySelector("[data-schedule-filter]");
  if (!form) return;
  var FLAG = "spotkania-filtered";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

  // Polish's endings of nouns and adjectives, folded as above.
  var ENDINGS = ["owie", "ami", "ach", "ego", "emu", "owi", "ych", "ymi", "imi", "ich", "om",
    "ow", "em", "ie", "iu", "ej", "ym", "im", "a", "e", "i", "o", "u", "y"];

  // Whether a typed word is another form of ``candidate``: Polish and Ukrainian inflect words
  // by their endings, so a word typed in full ("dzieci") also finds one that shares its stem
  // (the typed word less its last one or two letters, five letters at least) and ends in up to
  // three letters more ("dziecka"). A word with one of Polish's endings finds, that ending
  // less, the words of its stem of four letters or more: "osobom" finds "osoba" and "osób",
  // "pracą" finds "pracy"; "dzieci" less its "i" does not find "dzień". The name's
  // dictionary forms come from the server.
  function sameStem(typed, candidate) {
    for (var cut = 1; cut <= 2; cut += 1) {
      var stem = typed.slice(0, typed.length - cut);
      if (stem.length >= 5 && candidate.indexOf(stem) === 0 && candidate.length - stem.length <= 3) {
        return true;
      }
    }
    return ENDINGS.some(function (ending) {
      var stem = typed.slice(0, typed.length - ending.length);
      return typed.slice(stem.length) === ending && stem.length >= 4 &&
        candidate.indexOf(stem) === 0 && candidate.length - stem.length <= 4;
    });
  }

  var find = form.querySelector(".filters__find");
  var input = document.getElementById("sphere-find");
  var status = form.querySelector("[data-sphere-find-status]");
  var items = Array.prototype.slice.call(form.querySelectorAll("[data-words]"));
  var others = form.querySelector(".filters__others");
  var othersWereOpen = others ? others.open : false;
  items.forEach(function (item) {
    item.searchWords = fold(item.getAttribute("data-words")).split(/\s+/);
  });
  if (find && input) {
    find.hidden = false;
    var timer;
    input.addEventListener("input", function () {
      var typed = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var match = typed.every(function (word) {
          return item.searchWords.some(function (candidate) {
            return candidate.indexOf(word) === 0 || sameStem(word, candidate);
          });
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (others) others.open = typed.length ? true : othersWereOpen;
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = typed.length ? input.getAttribute("data-found") + " " + shown : "";
      }, 400);
    });
    input.addEventListener("keydown", function (event) {
      // Enter in the finder ticks the only sphere left rather than sending the form.
      if (event.key !== "Enter") return;
      event.preventDefault();
      var visible = items.filter(function (item) { return !item.hidden; });
      if (visible.length) visible[0].querySelector("input").focus();
    });
  }

  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.value && field.type !== "checkbox") field.disabled = true;
    });
    try { sessionStorage.setItem(FLAG, "1"); } catch (error) { /* storage off: no focus move */ }
  });

  var results = document.getElementById("results");
  var filtered = false;
  try { filtered = sessionStorage.getItem(FLAG) === "1"; sessionStorage.removeItem(FLAG); } catch (error) { filtered = false; }
  if (filtered && results) results.focus();
})();
