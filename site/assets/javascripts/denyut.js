// Interactive charts, on demand. Every chart is drawn in the page already (HTML and SVG, no script); its button,
// shown from here so that a page read without this script holds no dead one, loads plotly.js once (the file the
// page names in <meta name="denyut-plotly">) and draws the same figure from the button's data-plotly attribute in
// place of the drawing. The plotly charts follow Material's light or dark palette, on every page load (instant
// navigation included) and whenever the reader toggles the palette.
(function () {
  var meta = document.querySelector('meta[name="denyut-plotly"]');
  var bundle = meta ? new URL(meta.getAttribute("content"), location.href).href : null;  // before instant navigation moves
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.async = true;
        script.onload = resolve;
        script.onerror = function () { loading = null; script.remove(); reject(new Error(bundle)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function offer() {
    if (!bundle) return;
    document.querySelectorAll(".denyut-interactive[hidden]").forEach(function (button) { button.hidden = false; });
  }

  function draw(button) {
    var drawn = document.getElementById(button.getAttribute("data-chart"));
    var figure = JSON.parse(button.getAttribute("data-plotly"));
    button.disabled = true;
    button.textContent = "Memuat grafik interaktif…";
    load().then(function () {
      var target = document.createElement("div");
      target.className = "denyut-chart__interactive";
      drawn.parentNode.insertBefore(target, drawn.nextSibling);
      drawn.hidden = true;
      return Plotly.newPlot(target, figure.data, figure.layout, figure.config);
    }).then(function () {
      button.hidden = true;
      theme();
    }, function () {
      button.disabled = false;
      button.textContent = "Grafik interaktif gagal dimuat: coba lagi";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".denyut-interactive") : null;
    if (button && bundle && !button.disabled) draw(button);
  });

  function colours() {
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    return {
      font: dark ? "#e3e5ea" : "#1f2328",
      grid: dark ? "rgba(255,255,255,0.16)" : "rgba(0,0,0,0.12)"
    };
  }

  function theme() {
    if (typeof Plotly === "undefined") return;
    var c = colours();
    document.querySelectorAll(".js-plotly-plot").forEach(function (el) {
      Plotly.relayout(el, {
        "font.color": c.font,
        "xaxis.gridcolor": c.grid, "yaxis.gridcolor": c.grid,
        "xaxis.zerolinecolor": c.grid, "yaxis.zerolinecolor": c.grid,
        "xaxis.linecolor": c.grid, "yaxis.linecolor": c.grid
      });
    });
  }

  function ready() { offer(); theme(); }
  if (typeof document$ !== "undefined") {
    document$.subscribe(ready);
  } else {
    document.addEventListener("DOMContentLoaded", ready);
  }
  new MutationObserver(theme).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });
})();

// The share kit's copy button: the text of the element it names, to the clipboard. Delegated, so it
// also works on pages reached by instant navigation; falls back to selecting the text.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest(".denyut-copy") : null;
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  var status = document.getElementById(button.getAttribute("data-copy") + "-status");
  if (!source) return;
  var text = source.textContent;
  function done(message) { if (status) status.textContent = message; }
  function select() {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { done(document.execCommand("copy") ? "Tersalin." : "Teks sudah dipilih: salin dengan Ctrl+C."); }
    catch (e) { done("Teks sudah dipilih: salin dengan Ctrl+C."); }
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { done("Tersalin."); }, select);
  } else {
    select();
  }
});

// A table wider than the screen scrolls in its frame: the frame takes keyboard focus and says so, so that it
// can be scrolled without a mouse (WCAG 2.1.1) and a screen reader names it.
(function () {
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Tabel lebar: geser ke samping untuk melihat semua kolom");
      } else {
        wrap.removeAttribute("tabindex");
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(focusable);
  } else {
    document.addEventListener("DOMContentLoaded", focusable);
  }
  window.addEventListener("resize", focusable);
})();

// "Unduh PNG": the chart's SVG file (the link beside the button, which works without any script) drawn on a
// canvas at twice its size and saved as a PNG. The button is hidden until this script runs, so never a dead one.
(function () {
  function offer() {
    document.querySelectorAll(".denyut-png[hidden]").forEach(function (button) { button.hidden = false; });
  }
  function save(button) {
    var link = button.parentNode.querySelector('a[href$=".svg"]');
    if (!link) return;
    fetch(link.href).then(function (r) { return r.text(); }).then(function (text) {
      var image = new Image();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = image.width * 2;
        canvas.height = image.height * 2;
        var context = canvas.getContext("2d");
        context.scale(2, 2);
        context.drawImage(image, 0, 0);
        canvas.toBlob(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = (button.getAttribute("data-name") || "grafik") + ".png";
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        }, "image/png");
      };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".denyut-png") : null;
    if (button) save(button);
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(offer);
  } else {
    document.addEventListener("DOMContentLoaded", offer);
  }
})();
