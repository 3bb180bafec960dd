// Progressive enhancement only: every form works without this. It counts what is left of a detail as it is typed.
document.querySelectorAll("textarea[maxlength]").forEach(function (box) {
  var left = document.getElementById(box.getAttribute("aria-describedby"));
  var max = Number(box.getAttribute("maxlength"));
  box.addEventListener("input", function () { left.textContent = (max - box.value.length) + " characters left."; });
});
