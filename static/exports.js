// argmap explorer, downloads: the export links kept on the scenario shown, and the PNG picture.
// The picture is the server's SVG picture of the whole map (title, question, scenario line, legend,
// states in words) drawn onto a canvas at print resolution: at least twice the map's extent on screen
// (its size at the current zoom, and never less than at life size), times the screen's pixel ratio.
// The PNG carries the title and the scenario in its metadata too. app.js calls attachExports() once.

const PRINT = 2; // pixels of the picture per pixel of the map on screen
// Chromium draws no canvas beyond 32,767 px a side or 268 Mpx; stay well inside both (memory too).
const MAX_SIDE = 16384;
const MAX_PIXELS = 64 * 1024 * 1024;

export function attachExports({ data, el, toQuery }) {
  const mapId = data.map.id;
  const nav = document.querySelector("nav.exports");
  if (!nav) return;
  const $ = (sel) => nav.querySelector(sel);
  const menu = $("select[name=format]");
  const status = $('[data-testid="export-status"]');
  const scenarioQuery = () => toQuery(window.argmap.state.scenario);
  const exportUrl = (format, extra = "") => {
    const query = scenarioQuery();
    return `/api/maps/${encodeURIComponent(mapId)}/export?format=${encodeURIComponent(format)}${extra}${query ? `&${query}` : ""}`;
  };

  // Links follow the scenario: after each switch, and again when clicked (a switch may be on its way).
  function refresh() {
    for (const link of nav.querySelectorAll("a[data-format]")) link.href = exportUrl(link.dataset.format);
    if (!menu) return;
    const option = menu.selectedOptions[0];
    const download = $('[data-testid="export-format"]');
    const table = $('[data-testid="export-table"]');
    download.href = exportUrl(option.value);
    download.download = `${mapId}.${option.dataset.extension}`;
    table.hidden = !("table" in option.dataset);
    table.href = exportUrl(option.value, "&part=table");
    table.download = `${mapId}.${option.dataset.extension}.map.json`;
  }
  document.addEventListener("argmap:updated", refresh);
  if (menu) menu.addEventListener("change", refresh);
  for (const link of nav.querySelectorAll("a")) link.addEventListener("click", refresh);

  const pngButton = $('[data-testid="export-png"]');
  pngButton.addEventListener("click", async () => {
    pngButton.disabled = true;
    say("Drawing the picture…");
    try {
      const { blob, width, height, factor } = await picture();
      save(blob, `${mapId}.png`);
      const note = factor < PRINT ? ` (at ${factor.toFixed(1)}×: the largest picture the browser draws; the SVG has no limit)` : "";
      say(`PNG picture: ${width} × ${height} px${note}.`);
    } catch (err) {
      say(`Could not draw the picture: ${err.message}`, true);
    } finally {
      pngButton.disabled = false;
    }
  });

  function say(text, isError = false) {
    status.textContent = text;
    status.classList.toggle("error", isError);
  }

  // The SVG picture, drawn at ``factor`` times its own size onto a white canvas, as PNG bytes.
  async function picture() {
    const response = await fetch(exportUrl("svg"));
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const svg = await response.blob();
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      const factor = scaleFor(image.naturalWidth, image.naturalHeight);
      const canvas = el("canvas", {
        width: Math.round(image.naturalWidth * factor),
        height: Math.round(image.naturalHeight * factor),
      });
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height); // vector: drawn sharp at this size
      const png = await new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode it"))), "image/png"),
      );
      const bytes = new Uint8Array(await png.arrayBuffer());
      const blob = new Blob([withText(bytes, metadata())], { type: "image/png" });
      return { blob, width: canvas.width, height: canvas.height, factor };
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  // Picture pixels per SVG unit: the map's drawing must come out at least PRINT times as large as it
  // is on screen (at the current zoom, or at life size if that is larger), within the canvas limits.
  function scaleFor(width, height) {
    const extent = mapExtent();
    const zoom = Math.max(window.argmap.network.getScale(), 1) * (window.devicePixelRatio || 1);
    let factor = Math.max(PRINT, (PRINT * zoom * extent.width) / width, (PRINT * zoom * extent.height) / height);
    factor = Math.min(factor, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
    return factor;
  }

  // The whole map's extent in the graph's own units (its size on screen at zoom 1).
  function mapExtent() {
    const network = window.argmap.network;
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of network.body.nodeIndices) {
      const box = network.getBoundingBox(id);
      if (!box) continue;
      left = Math.min(left, box.left);
      top = Math.min(top, box.top);
      right = Math.max(right, box.right);
      bottom = Math.max(bottom, box.bottom);
    }
    return right > left ? { width: right - left, height: bottom - top } : { width: 0, height: 0 };
  }

  function metadata() {
    const distrust = [...window.argmap.state.scenario.distrust];
    const names = Object.fromEntries(data.analysts.map((a) => [a.id, a.name]));
    const off = [...window.argmap.state.scenario.off].map((id) => (data.propositions[id] ? data.propositions[id].short : id));
    const scenario =
      `Evidence switched off: ${off.join(", ") || "none"}. ` +
      `Analysts set aside: ${distrust.map((a) => names[a] || a).join(", ") || "none"}. ` +
      `Support read as ${window.argmap.state.scenario.support}.`;
    return {
      Title: data.map.title,
      Description: [data.map.question, scenario].filter(Boolean).join("\n"),
      Source: location.href,
      Software: "argmap",
    };
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  refresh();
}

// --- PNG text chunks (iTXt: UTF-8, uncompressed), placed right after the IHDR chunk ------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

// keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
function itxt(keyword, text) {
  const encoder = new TextEncoder();
  const key = encoder.encode(keyword);
  const value = encoder.encode(text);
  const body = new Uint8Array(key.length + 5 + value.length);
  body.set(key, 0);
  body.set(value, key.length + 5);
  return chunk("iTXt", body);
}

export function withText(png, fields) {
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8); // signature, IHDR
  const chunks = Object.entries(fields).map(([key, value]) => itxt(key, value));
  const size = png.length + chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}
