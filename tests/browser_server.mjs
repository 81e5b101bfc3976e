// One headless Chromium for a whole test process (tests/browser.py starts it), and the
// clients the tests draw with, each loaded once into a page of its own.
//
// usage: node browser_server.mjs VIEWER_DIR
// prints the browser's DevTools WebSocket address on one line, then answers requests until
// its standard input ends: when the test process exits, however it exits, the browser goes.
// A request is one JSON line, {"tool": "drawio" | "mermaid" | "page", "args": [...]} with the
// args of that tool's script (drawio/viewer.mjs, mermaid/mermaid.mjs, integrations/page.mjs);
// the answer is one JSON line, {"report": ...} or {"error": "..."}.
//
// Loading a client costs far more than drawing a file with it, so the page of a tool with a
// `key` (the client it loads), in its own empty browser context, lives as long as the
// service: every file still gets a fresh drawing and only the errors raised while it was
// drawn. A request that fails closes its tool's page, and the next request loads the client
// again. A tool without a key (a page of the course notes) gets a new, empty context each time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { launch, openTab, puppeteerOf } from "./browser.mjs";
import * as drawio from "./drawio/viewer.mjs";
import * as notes from "./integrations/page.mjs";
import * as mermaid from "./mermaid/mermaid.mjs";

const TOOLS = {
  drawio: {
    viewport: drawio.VIEWPORT,
    key: ([viewerDir]) => viewerDir,
    open: (tab, log, work, [viewerDir]) => drawio.loadViewer(tab, log, viewerDir, work),
    run: (tab, log, _loaded, [, ...pairs]) => drawio.viewEach(tab, log, pairs),
  },
  mermaid: {
    viewport: mermaid.VIEWPORT,
    key: ([, mermaidDir]) => mermaidDir,
    open: (tab, log, work, [, mermaidDir]) => mermaid.loadMermaid(tab, log, mermaidDir, work),
    run: (tab, log, version, [, , shots, ...files]) => mermaid.renderAll(tab, log, version, shots, files),
  },
  page: {
    viewport: notes.VIEWPORT,
    run: (tab, log, _loaded, [, url, screenshot]) => notes.readPage(tab, log, url, screenshot),
  },
};

const [viewerDir] = process.argv.slice(2);
let stopping = false;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-browser-"));
const browser = await launch(puppeteerOf(viewerDir), profile);
const pages = new Map();
console.log(browser.wsEndpoint());
// A browser that crashed answers nothing more: end, so the test process starts another.
browser.on("disconnected", () => {
  if (!stopping) process.exit(1);
});

// Return the loaded page of `tool` under `key`, opening and loading it the first time.
async function pageFor(key, tool, args) {
  if (!pages.has(key)) {
    const context = await browser.createBrowserContext();
    const opened = (async () => {
      const { tab, log } = await openTab(context, tool.viewport);
      const loaded = await tool.open(tab, log, profile, args);
      return { tab, log, loaded };
    })();
    pages.set(key, { context, opened });
  }
  return pages.get(key).opened;
}

// Close the page under `key`: the next request for its tool loads the client afresh.
async function forget(key) {
  const page = pages.get(key);
  pages.delete(key);
  await page?.context.close().catch(() => {});
}

// Run `tool` in a page of a new, empty context, closed after it.
async function inFreshPage(tool, args) {
  const context = await browser.createBrowserContext();
  try {
    const { tab, log } = await openTab(context, tool.viewport);
    return await tool.run(tab, log, null, args);
  } finally {
    await context.close();
  }
}

async function run(name, tool, args) {
  if (!tool.key) return inFreshPage(tool, args);
  const key = `${name}:${tool.key(args)}`;
  try {
    const { tab, log, loaded } = await pageFor(key, tool, args);
    return await tool.run(tab, log, loaded, args);
  } catch (error) {
    await forget(key);
    throw error;
  }
}

async function answer(line) {
  const { tool: name, args } = JSON.parse(line);
  const tool = TOOLS[name];
  if (!tool) return { error: `no tool named ${name}` };
  try {
    return { report: await run(name, tool, args) };
  } catch (error) {
    return { error: String(error?.stack ?? error) };
  }
}

async function stop() {
  if (stopping) return;
  stopping = true;
  await browser.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}

// One request at a time, in order: the test process waits for each answer.
let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue = queue.then(async () => console.log(JSON.stringify(await answer(line))));
});
lines.on("close", () => {
  queue = queue.then(stop);
});
