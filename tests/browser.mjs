// Headless Debian Chromium for the real-client tests, driven by puppeteer-core from the
// viewer folder that `make viewer` fills. Offline: only file:, data: and 127.0.0.1 load.
//
// Starting Chromium costs more than most pages it opens, so a test process starts it once
// (browser_server.mjs, through tests/browser.py) and names it in ARCHGEN_BROWSER_WS; each
// script then opens its page in a new, empty browser context (no cookies, storage or cache
// shared with any other page) and leaves the browser running. Without the variable, a
// script launches a browser of its own, as it always could when run by hand.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

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

async function openBrowser(puppeteer, profile) {
  const shared = process.env.ARCHGEN_BROWSER_WS;
  if (!shared) {
    const browser = await launch(puppeteer, profile);
    return { context: browser.defaultBrowserContext(), close: () => browser.close() };
  }
  const browser = await puppeteer.connect({ browserWSEndpoint: shared });
  const context = await browser.createBrowserContext();
  return {
    context,
    close: async () => {
      await context.close();
      await browser.disconnect();
    },
  };
}

export async function withPage(viewerDir, viewport, use) {
  const puppeteer = puppeteerOf(viewerDir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-browser-"));
  const { context, close } = await openBrowser(puppeteer, profile);
  const pageErrors = [];
  try {
    const tab = await context.newPage();
    tab.on("pageerror", (error) => pageErrors.push(String(error)));
    await tab.setRequestInterception(true);
    tab.on("request", (request) => {
      const url = new URL(request.url());
      const local = url.protocol === "file:" || url.protocol === "data:" || url.hostname === "127.0.0.1";
      if (local) request.continue();
      else request.abort();
    });
    await tab.setViewport(viewport);
    const result = await use(tab, profile);
    return { ...result, pageErrors };
  } finally {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
