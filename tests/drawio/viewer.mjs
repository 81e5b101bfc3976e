// Render a .drawio file in the real draw.io viewer (headless Chromium) and report what it drew.
//
// usage: node viewer.mjs VIEWER_DIR FILE.drawio SCREENSHOT.png [FILE.drawio SCREENSHOT.png ...]
// (a screenshot named "-" is not taken: the report alone is wanted)
// prints JSON, a list with one report a file: {version, vertices, edges, problems, labels,
// pageErrors}. Each file opens in its own page and browser context; one process for many
// files saves starting node and puppeteer again for each.
// A problem is a vertex whose shape, resIcon, grIcon or prIcon names nothing the viewer knows:
// draw.io would silently draw it as a blank box.
import fs from "node:fs";
import path from "node:path";
import { withPage } from "../browser.mjs";

const [viewerDir, ...pairs] = process.argv.slice(2);

const scripts = ["viewer-static.min.js", "shapes.min.js", "stencils.min.js"]
  .map((name) => `<script src="file://${path.resolve(viewerDir, name)}"></script>`)
  .join("\n");
const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><script>
  var mxLoadResources = false, mxLoadStylesheets = false, mxBasePath = '', mxImageBasePath = '';
  var STENCIL_PATH = '', SHAPES_PATH = '', STYLE_PATH = '', PROXY_URL = '', DRAW_MATH_URL = '';
  var GRAPH_IMAGE_PATH = '';
  window.onDrawioViewerLoad = function () {};
</script>
${scripts}
</head><body style="margin:0;background:#fff"><div id="host" style="display:inline-block"></div></body></html>`;

async function view(drawioFile, screenshot) {
  return withPage(viewerDir, { width: 2400, height: 1800 }, async (tab, work) => {
    const pageFile = path.join(work, "blank.html");
    fs.writeFileSync(pageFile, page);
    await tab.goto(`file://${pageFile}`, { waitUntil: "load" });
    const xml = fs.readFileSync(drawioFile, "utf8");
    const result = await tab.evaluate(
      (xml) =>
        new Promise((resolve) => {
          const div = document.createElement("div");
          div.className = "mxgraph";
          div.setAttribute(
            "data-mxgraph",
            JSON.stringify({
              xml, nav: false, toolbar: "", lightbox: false, border: 10, resize: false,
              "check-visible-state": false,
            }),
          );
          document.getElementById("host").appendChild(div);
          GraphViewer.createViewerForElement(div, (viewer) => {
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
            resolve({ version: EditorUi.VERSION, vertices, edges, problems, labels });
          });
        }),
      xml,
    );
    if (screenshot !== "-") {
      const element = await tab.$("#host");
      await element.screenshot({ path: screenshot });
    }
    return result;
  });
}

const reports = [];
for (let index = 0; index < pairs.length; index += 2) {
  reports.push(await view(pairs[index], pairs[index + 1]));
}
console.log(JSON.stringify(reports));
