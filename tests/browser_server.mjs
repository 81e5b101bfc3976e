// One headless Chromium for a whole test process (tests/browser.py starts it).
//
// usage: node browser_server.mjs VIEWER_DIR
// prints the browser's DevTools WebSocket address on one line, then keeps the browser until
// its standard input ends: when the test process exits, however it exits, the browser goes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, puppeteerOf } from "./browser.mjs";

const [viewerDir] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "archgen-browser-"));
const browser = await launch(puppeteerOf(viewerDir), profile);
console.log(browser.wsEndpoint());

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await browser.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}

process.stdin.on("data", () => {});
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
