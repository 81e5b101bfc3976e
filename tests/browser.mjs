// Headless Debian Chromium for the real-client tests, driven by puppeteer-core from the
// viewer folder that `make viewer` fills. Offline: only file:, data: and 127.0.0.1 load.
//
// A test process starts one Chromium (browser_server.mjs, through tests/browser.py) and
// draws with its clients in pages of their own, each in a new, empty browser context (no
// cookies, storage or cache shared with any other page). Run by hand, a script launches a
// browser of its own (`withPage`).
//
// Loading a client (the draw.io viewer's 12 MB of scripts, Mermaid's 3.5 MB) costs far more
// than drawing one file with it, so a page that draws many files keeps one `ErrorLog` and
// reads, for each file, only what was raised while that file was drawn (`ErrorLog.during`).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function puppeteerOf(viewerDir) {
  const require = createRequire(path.join(path.resolve(viewerDir), "node_modules", "x.js"));
  return require("puppeteer-core");
}

export async function launch(puppeteer, profile) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    userDataDir: path.join(profile, "profile"),
    args: ARGS,
  });
}

// What a page raised: uncaught errors (`pageerror`) and console errors (a failed load, a
// codec's complaint), in the order they came.
export class ErrorLog {
  constructor(tab) {
    this.tab = tab;
    this.pageErrors = [];
    this.consoleErrors = [];
    tab.on("pageerror", (error) => this.pageErrors.push(String(error)));
    tab.on("console", (message) => {
      if (message.type() === "error") this.consoleErrors.push(message.text());
    });
  }

  // Run `draw` and return its result with the errors raised from its start until the page
  // is quiet again: no request in flight, and a frame and a task later, so an image that
  // fails to load after the drawing returned still counts for this file, not the next.
  async during(draw) {
    const pageStart = this.pageErrors.length;
    const consoleStart = this.consoleErrors.length;
    const result = await draw();
    await this.tab.waitForNetworkIdle({ idleTime: 20, timeout: 30_000 });
    await this.tab.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    return {
      ...result,
      pageErrors: this.pageErrors.slice(pageStart),
      consoleErrors: this.consoleErrors.slice(consoleStart),
    };
  }
}

// Open a page in `context` that loads only local URLs; return it with its error log.
export async function openTab(context, viewport) {
  const tab = await context.newPage();
  const log = new ErrorLog(tab);
  await tab.setRequestInterception(true);
  tab.on("request", (request) => {
    const url = new URL(request.url());
    const local = url.protocol === "file:" || url.protocol === "data:" || url.hostname === "127.0.0.1";
    if (local) request.continue();
    else request.abort();
  });
  await tab.setViewport(viewport);
  return { tab, log };
}

// Run by hand: launch a browser of its own, open a page and hand it, a work folder and its
// error log to `use`; return what `use` returns with every page error.
export async function withPage(viewerDir, viewport, use) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-browser-"));
  const browser = await launch(puppeteerOf(viewerDir), profile);
  try {
    const { tab, log } = await openTab(browser.defaultBrowserContext(), viewport);
    const result = await use(tab, profile, log);
    return { ...result, pageErrors: log.pageErrors };
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// True when the module at `url` is the script node was started with (not imported).
export function isMain(url) {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(url);
}
