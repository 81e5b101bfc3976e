// Open a page of the built course notes in headless Chromium and report what a reader sees.
//
// usage: node page.mjs VIEWER_DIR URL SCREENSHOT.png
// prints JSON: {images: [{src, naturalWidth}], text, pageErrors, consoleErrors}
// The test process's browser service (browser_server.mjs) uses `readPage` in a new, empty
// browser context for each request.
import { isMain, withPage } from "../browser.mjs";

export const VIEWPORT = { width: 1280, height: 900 };

// Load `url` in `tab`, wait for its diagrams, screenshot the whole page; report what it shows
// and the errors it raised. The page is alone in its context, so every error is its own; it
// does not wait for the network to rest: the site's search index and fonts may still load.
export async function readPage(tab, log, url, screenshot) {
  await tab.goto(url, { waitUntil: "load" });
  const seen = await tab.evaluate(async () => {
    const images = [...document.querySelectorAll("img.archgen-diagram")];
    await Promise.all(images.map((img) => (img.complete ? null : img.decode().catch(() => null))));
    return {
      images: images.map((img) => ({ src: img.getAttribute("src"), naturalWidth: img.naturalWidth })),
      text: document.body.innerText,
    };
  });
  await tab.screenshot({ path: screenshot, fullPage: true });  // the whole page: read it as notes
  return { ...seen, pageErrors: log.pageErrors, consoleErrors: log.consoleErrors };
}

if (isMain(import.meta.url)) {
  const [viewerDir, url, screenshot] = process.argv.slice(2);
  const report = await withPage(viewerDir, VIEWPORT, (tab, _work, log) =>
    readPage(tab, log, url, screenshot),
  );
  console.log(JSON.stringify(report));
}
