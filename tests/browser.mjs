// Headless Debian Chromium for the real-client tests, driven by puppeteer-core from the
// viewer folder that `make viewer` fills. Offline: only file:, data: and 127.0.0.1 load.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

export async function withPage(viewerDir, viewport, use) {
  const require = createRequire(path.join(path.resolve(viewerDir), "node_modules", "x.js"));
  const puppeteer = require("puppeteer-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-browser-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    userDataDir: path.join(profile, "profile"),
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const pageErrors = [];
  try {
    const tab = await browser.newPage();
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
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
