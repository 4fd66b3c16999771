// The print button needs a script; without one the toolbar says to press Ctrl+P.
const button = document.getElementById("print");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
