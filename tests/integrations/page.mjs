// Open a page of the built course notes in headless Chromium and report what a reader sees.
//
// usage: node page.mjs VIEWER_DIR URL SCREENSHOT.png
// prints JSON: {images: [{src, naturalWidth}], text, pageErrors}
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";

const [viewerDir, url, screenshot] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(viewerDir), "node_modules", "x.js"));
const puppeteer = require("puppeteer-core");

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-page-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
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
    const target = new URL(request.url());
    if (target.hostname === "127.0.0.1" || target.protocol === "data:") request.continue();
    else request.abort();
  });
  await tab.setViewport({ width: 1280, height: 900 });
  await tab.goto(url, { waitUntil: "load" });
  const report = await tab.evaluate(async () => {
    const images = [...document.querySelectorAll("img.archgen-diagram")];
    await Promise.all(images.map((img) => (img.complete ? null : img.decode().catch(() => null))));
    return {
      images: images.map((img) => ({ src: img.getAttribute("src"), naturalWidth: img.naturalWidth })),
      text: document.body.innerText,
    };
  });
  await tab.screenshot({ path: screenshot, fullPage: false });
  console.log(JSON.stringify({ ...report, pageErrors }));
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
