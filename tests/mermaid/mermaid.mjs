// Parse and render Mermaid files with the real Mermaid library in headless Chromium.
//
// usage: node mermaid.mjs VIEWER_DIR MERMAID_DIR SCREENSHOT_DIR FILE.mmd...
// prints JSON: {version, files: {FILE: {error, nodes, clusters, edges, classes, scripts,
// pageErrors, consoleErrors}}, pageErrors}
// A file that does not parse or render has an `error`; the others list the Mermaid ids of
// the nodes and subgraphs drawn in the SVG (read from its DOM), and a screenshot of that
// file's drawing is kept. Each file's errors are those raised while it was drawn; the
// report's own `pageErrors` are every file's together. The test process's browser service
// (browser_server.mjs) uses the same functions and keeps the loaded library for every request.
import fs from "node:fs";
import path from "node:path";
import { isMain, withPage } from "../browser.mjs";

export const VIEWPORT = { width: 2400, height: 1800 };

// Load Mermaid from `mermaidDir` into `tab`; fail if loading it raised an error of its own.
export async function loadMermaid(tab, log, mermaidDir, work) {
  const library = path.resolve(mermaidDir, "node_modules", "mermaid", "dist", "mermaid.min.js");
  const pageFile = path.join(work, "mermaid.html");
  fs.writeFileSync(
    pageFile,
    `<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="file://${library}"></script></head>
<body style="margin:0;background:#fff"><div id="host" style="width:1800px"></div></body></html>`,
  );
  await tab.goto(`file://${pageFile}`, { waitUntil: "load" });
  const version = await tab.evaluate(() => {
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", flowchart: { htmlLabels: true } });
    return mermaid.version ? mermaid.version() : "";
  });
  if (log.pageErrors.length > 0) {
    throw new Error(`Mermaid did not load: ${log.pageErrors.join("; ")}`);
  }
  return version;
}

// Runs in the page: parse and render `text` into #host; report what it drew. Every file is
// drawn under one SVG id, which Mermaid clears before each drawing, so a file's report and
// screenshot do not depend on the files drawn before it.
async function drawInPage(text) {
  const host = document.getElementById("host");
  host.replaceChildren();
  try {
    await mermaid.parse(text);
    const { svg } = await mermaid.render("archgen", text);
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
}

// Draw one file; screenshot #host into `shots` when it drew.
export async function renderFile(tab, log, file, shots) {
  const text = fs.readFileSync(file, "utf8");
  return log.during(async () => {
    const report = await tab.evaluate(drawInPage, text);
    if (!report.error) {
      const element = await tab.$("#host");
      const screenshot = path.join(shots, path.basename(file) + ".png");
      await element.screenshot({ path: screenshot, optimizeForSpeed: true });
    }
    await tab.evaluate(() => document.getElementById("host").replaceChildren());
    return report;
  });
}

// Draw each file in turn in the loaded library; return the report by file.
export async function renderAll(tab, log, version, shots, files) {
  const reports = {};
  for (const file of files) reports[file] = await renderFile(tab, log, file, shots);
  const pageErrors = Object.values(reports).flatMap((report) => report.pageErrors);
  return { version, files: reports, pageErrors };
}

if (isMain(import.meta.url)) {
  const [viewerDir, mermaidDir, shots, ...files] = process.argv.slice(2);
  const report = await withPage(viewerDir, VIEWPORT, async (tab, work, log) => {
    const version = await loadMermaid(tab, log, mermaidDir, work);
    return renderAll(tab, log, version, shots, files);
  });
  console.log(JSON.stringify(report));
}
