// The only script: a fact in a list opens to show its evidence sentence.
document.addEventListener("click", function (e) {
  var t = e.target.closest("[data-toggle]");
  if (!t) return;
  e.preventDefault();
  t.closest(".fact").classList.toggle("open");
});
