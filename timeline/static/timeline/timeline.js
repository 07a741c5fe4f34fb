// Suggestions for the actor field, from the API. The page works without this: the server also accepts an
// actor's name, short name or alias typed into the field and turns it into its slug.
(function () {
  "use strict";
  var input = document.querySelector("[data-actor-autocomplete]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var endpoint = input.getAttribute("data-actor-autocomplete");
  var timer = null;
  var lastTerm = "";

  function show(actors) {
    list.textContent = "";
    actors.slice(0, 12).forEach(function (actor) {
      var option = document.createElement("option");
      option.value = actor.slug;
      option.label = actor.name + (actor.kind ? " (" + actor.kind.replace("_", " ") + ")" : "");
      option.textContent = option.label;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    var term = input.value.trim();
    window.clearTimeout(timer);
    if (term.length < 2 || term === lastTerm) { return; }
    timer = window.setTimeout(function () {
      lastTerm = term;
      fetch(endpoint + "?" + new URLSearchParams({ q: term, page_size: "12" }), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === term) { show(Array.isArray(data) ? data : data.results || []); } })
        .catch(function () { /* suggestions are optional */ });
    }, 180);
  });
})();
