// Render .drawio files in the real draw.io viewer (headless Chromium) and report what it drew.
//
// usage: node viewer.mjs VIEWER_DIR FILE.drawio SCREENSHOT.png [FILE.drawio SCREENSHOT.png ...]
// (a screenshot named "-" is not taken: the report alone is wanted)
// prints JSON, a list with one report a file: {version, vertices, edges, problems, labels,
// cells, error, pageErrors, consoleErrors}; `cells` tells where each vertex and its text were
// drawn, in the screenshot's pixels. The test process's browser service (browser_server.mjs)
// uses the same functions and keeps the loaded viewer for every request.
//
// The page loads the viewer's scripts once; each file then gets a fresh container and
// GraphViewer, removed after it, and its report holds only the errors raised while that file
// was drawn: loading the scripts cost ~1.2 s a page, drawing a file after that ~0.05 s.
// A problem is a vertex whose shape, resIcon, grIcon or prIcon names nothing the viewer knows:
// draw.io would silently draw it as a blank box. `error` is what the viewer threw on a file
// it cannot read at all.
import fs from "node:fs";
import path from "node:path";
import { isMain, withPage } from "../browser.mjs";

export const VIEWPORT = { width: 2400, height: 1800 };

function pageHtml(viewerDir) {
  const scripts = ["viewer-static.min.js", "shapes.min.js", "stencils.min.js"]
    .map((name) => `<script src="file://${path.resolve(viewerDir, name)}"></script>`)
    .join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><script>
  var mxLoadResources = false, mxLoadStylesheets = false, mxBasePath = '', mxImageBasePath = '';
  var STENCIL_PATH = '', SHAPES_PATH = '', STYLE_PATH = '', PROXY_URL = '', DRAW_MATH_URL = '';
  var GRAPH_IMAGE_PATH = '';
  window.onDrawioViewerLoad = function () {};
</script>
${scripts}
</head><body style="margin:0;background:#fff"><div id="host" style="display:inline-block"></div></body></html>`;
}

// Load the viewer into `tab`; fail if loading it raised an error of the page's own.
export async function loadViewer(tab, log, viewerDir, work) {
  const pageFile = path.join(work, "viewer.html");
  fs.writeFileSync(pageFile, pageHtml(viewerDir));
  await tab.goto(`file://${pageFile}`, { waitUntil: "load" });
  const version = await tab.evaluate(() => (typeof EditorUi === "undefined" ? "" : EditorUi.VERSION));
  if (!version || log.pageErrors.length > 0) {
    throw new Error(`the draw.io viewer did not load: ${log.pageErrors.join("; ")}`);
  }
}

// Runs in the page: draw `xml` in a new container of #host and report what the viewer drew.
function drawInPage(xml) {
  // Where the viewer drew each vertex and the text of its label, in the screenshot's pixels.
  // The viewer moves and scales its drawing with a CSS transform (graph.currentTranslate,
  // graph.currentScale) that the cell states leave out: a test reading the screenshot at a
  // cell needs it added.
  function drawnCells(graph, cells) {
    const css = graph.useCssTransforms;
    const shift = css ? graph.currentTranslate : { x: 0, y: 0 };
    const scale = css ? graph.currentScale : 1;
    const place = (r) => ({
      x: (r.x + shift.x) * scale, y: (r.y + shift.y) * scale,
      width: r.width * scale, height: r.height * scale,
    });
    const drawn = [];
    for (const cell of cells) {
      const state = cell.vertex ? graph.view.getState(cell) : null;
      if (!state) continue;
      const text = state.text?.boundingBox;
      drawn.push({ id: cell.id, ...place(state), text: text ? place(text) : null });
    }
    return drawn;
  }

  return new Promise((resolve) => {
    const div = document.createElement("div");
    div.id = "drawing";
    div.className = "mxgraph";
    div.setAttribute(
      "data-mxgraph",
      JSON.stringify({
        xml, nav: false, toolbar: "", lightbox: false, border: 10, resize: false,
        "check-visible-state": false,
      }),
    );
    document.getElementById("host").appendChild(div);
    const empty = {
      version: EditorUi.VERSION, vertices: 0, edges: 0, problems: [], labels: [], cells: [],
    };
    try {
      GraphViewer.createViewerForElement(div, (viewer) => {
        window.archgenGraph = viewer.graph;
        const graph = viewer.graph;
        const cells = Object.values(graph.getModel().cells);
        const problems = [];
        let vertices = 0;
        let edges = 0;
        for (const cell of cells) {
          if (cell.edge) edges += 1;
          if (!cell.vertex) continue;
          vertices += 1;
          const style = graph.getCellStyle(cell);
          for (const key of ["shape", "resIcon", "grIcon", "prIcon"]) {
            const name = style[key];
            if (!name) continue;
            const known =
              mxCellRenderer.defaultShapes[name] != null ||
              mxStencilRegistry.getStencil(name) != null;
            if (!known) problems.push({ id: cell.id, key, name });
          }
        }
        const labels = [];
        for (const cell of cells) {
          if (!cell.edge || !cell.value) continue;
          const box = graph.view.getState(cell)?.text?.boundingBox;
          if (box) labels.push({ id: cell.id, x: box.x, y: box.y, width: box.width, height: box.height });
        }
        const drawn = drawnCells(graph, cells);
        resolve({ ...empty, vertices, edges, problems, labels, cells: drawn, error: null });
      });
    } catch (error) {
      resolve({ ...empty, error: String(error && error.message ? error.message : error) });
    }
  });
}

// Runs in the page: take the drawn file's graph and container away before the next file.
function clearInPage() {
  window.archgenGraph?.destroy();
  window.archgenGraph = undefined;
  document.getElementById("host").replaceChildren();
}

// Draw one file in the loaded viewer; screenshot its container unless `screenshot` is "-".
export async function viewFile(tab, log, drawioFile, screenshot) {
  const xml = fs.readFileSync(drawioFile, "utf8");
  return log.during(async () => {
    try {
      const report = await tab.evaluate(drawInPage, xml);
      if (screenshot !== "-" && report.error === null) {
        const element = await tab.$("#host");
        await element.screenshot({ path: screenshot, optimizeForSpeed: true });
      }
      return report;
    } finally {
      await tab.evaluate(clearInPage);
    }
  });
}

// Draw each (file, screenshot) of the flat list `pairs` in turn in the loaded viewer.
export async function viewEach(tab, log, pairs) {
  const reports = [];
  for (let index = 0; index < pairs.length; index += 2) {
    reports.push(await viewFile(tab, log, pairs[index], pairs[index + 1]));
  }
  return reports;
}

if (isMain(import.meta.url)) {
  const [viewerDir, ...pairs] = process.argv.slice(2);
  const { reports } = await withPage(viewerDir, VIEWPORT, async (tab, work, log) => {
    await loadViewer(tab, log, viewerDir, work);
    return { reports: await viewEach(tab, log, pairs) };
  });
  console.log(JSON.stringify(reports));
}
