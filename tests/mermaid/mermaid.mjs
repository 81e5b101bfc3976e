// Parse and render Mermaid files with the real Mermaid library in headless Chromium.
//
// usage: node mermaid.mjs VIEWER_DIR MERMAID_DIR SCREENSHOT_DIR FILE.mmd...
// prints JSON: {version, files: {FILE: {error, nodes, clusters, edges, classes}}, pageErrors}
// A file that does not parse or render has an `error`; the others list the Mermaid ids of
// the nodes and subgraphs drawn in the SVG (read from its DOM), and a screenshot is kept.
import fs from "node:fs";
import path from "node:path";
import { withPage } from "../browser.mjs";

const [viewerDir, mermaidDir, shots, ...files] = process.argv.slice(2);
const library = path.resolve(mermaidDir, "node_modules", "mermaid", "dist", "mermaid.min.js");
const page = `<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="file://${library}"></script></head>
<body style="margin:0;background:#fff"><div id="host" style="width:1800px"></div></body></html>`;

const report = await withPage(viewerDir, { width: 2400, height: 1800 }, async (tab, work) => {
  const pageFile = path.join(work, "blank.html");
  fs.writeFileSync(pageFile, page);
  await tab.goto(`file://${pageFile}`, { waitUntil: "load" });
  await tab.evaluate(() =>
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", flowchart: { htmlLabels: true } }),
  );
  const version = await tab.evaluate(() => (mermaid.version ? mermaid.version() : ""));
  const results = {};
  for (const [index, file] of files.entries()) {
    const text = fs.readFileSync(file, "utf8");
    results[file] = await tab.evaluate(
      async (text, index) => {
        const host = document.getElementById("host");
        host.innerHTML = "";
        try {
          await mermaid.parse(text);
          const { svg } = await mermaid.render(`archgen${index}`, text);
          host.innerHTML = svg;
          const nodes = [...host.querySelectorAll("g.node")].map((g) => g.getAttribute("data-id") || g.id);
          const clusters = [...host.querySelectorAll("g.cluster")].map((g) => g.getAttribute("data-id") || g.id);
          const edges = host.querySelectorAll("path.flowchart-link").length;
          const classes = [...host.querySelectorAll("g.node")].map((g) => g.getAttribute("class"));
          const scripts = host.querySelectorAll("script, [onclick], a[href]").length;
          return { error: null, nodes, clusters, edges, classes, scripts };
        } catch (error) {
          return { error: String(error && error.message ? error.message : error) };
        }
      },
      text,
      index,
    );
    if (!results[file].error) {
      const element = await tab.$("#host");
      await element.screenshot({ path: path.join(shots, path.basename(file) + ".png") });
    }
  }
  return { version, files: results };
});
console.log(JSON.stringify(report));
